using System.Collections.Concurrent;
using Azure;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// A rollout's bulk data in <c>fleetops-runs</c>, under deterministic names so every write is idempotent under
/// redelivery: <c>{runId}/rollout/nodes.json</c> (the resolved nodes, in order), <c>eligible.json</c> (the ones a
/// pre-flight found healthy), <c>preflight.json</c>, <c>action/{node}.json</c> and <c>rollback/{node}.json</c> (one
/// per node, written as soon as the node answered: a redelivered activity finds it and never sends again), and
/// <c>gate/{wave}-{round}.json</c>.
/// </summary>
public sealed class RolloutStore(StorageClients storage)
{
    public const int SampleNames = 50;
    private const int CachedLists = 16;

    private readonly BlobJsonStore _blobs = new(storage.Blobs, RunStore.ContainerName);

    // Node lists never change once written: activities of a run read them once per process, not once per chunk.
    private readonly ConcurrentDictionary<string, List<Target>> _lists = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _listOrder = new();

    public static string Prefix(string runId) => $"{runId}/rollout/";
    public static string ListBlob(string runId, string list) => $"{Prefix(runId)}{list}.json";
    public static string ActionBlob(string runId, string node, bool rollback) =>
        $"{Prefix(runId)}{(rollback ? "rollback" : "action")}/{Uri.EscapeDataString(node)}.json";
    public static string GateBlob(string runId, int wave, int round) => $"{Prefix(runId)}gate/{wave:D5}-{round:D5}.json";
    public static string PreflightBlob(string runId) => $"{Prefix(runId)}preflight.json";

    public Task WriteNodesAsync(string runId, IReadOnlyList<Target> nodes, CancellationToken ct) =>
        _blobs.WriteAsync(ListBlob(runId, NodeLists.All), nodes, ct);

    /// <summary>Writes the pre-flight's healthy nodes unless an earlier delivery already did; returns the list that is stored.</summary>
    public async Task<List<Target>> CreateEligibleAsync(string runId, List<Target> eligible, CancellationToken ct) =>
        await _blobs.TryCreateAsync(ListBlob(runId, NodeLists.Eligible), eligible, ct).ConfigureAwait(false)
            ? eligible
            : await ReadNodesAsync(runId, NodeLists.Eligible, ct).ConfigureAwait(false);

    public async Task<List<Target>?> TryReadNodesAsync(string runId, string list, CancellationToken ct)
    {
        try
        {
            return await ReadNodesAsync(runId, list, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<List<Target>> ReadNodesAsync(string runId, string list, CancellationToken ct)
    {
        var name = ListBlob(runId, list);
        if (_lists.TryGetValue(name, out var cached)) return cached;
        var nodes = await _blobs.ReadAsync<List<Target>>(name, ct).ConfigureAwait(false);
        if (_lists.TryAdd(name, nodes))
        {
            _listOrder.Enqueue(name);
            while (_listOrder.Count > CachedLists && _listOrder.TryDequeue(out var old)) _lists.TryRemove(old, out _);
        }
        return nodes;
    }

    public Task WriteActionAsync(string runId, string node, bool rollback, StoredAction result, CancellationToken ct) =>
        _blobs.WriteAsync(ActionBlob(runId, node, rollback), result, ct);

    public Task<StoredAction?> TryReadActionAsync(string runId, string node, bool rollback, CancellationToken ct) =>
        _blobs.TryReadAsync<StoredAction>(ActionBlob(runId, node, rollback), ct);

    public Task WriteGateRoundAsync(string runId, int wave, int round, List<GateRow> rows, CancellationToken ct) =>
        _blobs.WriteAsync(GateBlob(runId, wave, round), rows, ct);

    public Task<List<GateRow>?> TryReadGateRoundAsync(string runId, int wave, int round, CancellationToken ct) =>
        _blobs.TryReadAsync<List<GateRow>>(GateBlob(runId, wave, round), ct);

    public Task WritePreflightAsync(string runId, List<GateRow> rows, CancellationToken ct) => _blobs.WriteAsync(PreflightBlob(runId), rows, ct);

    public Task<List<GateRow>?> TryReadPreflightAsync(string runId, CancellationToken ct) => _blobs.TryReadAsync<List<GateRow>>(PreflightBlob(runId), ct);

    /// <summary>Every stored node result of one kind, by node name (for the report).</summary>
    public async Task<Dictionary<string, StoredAction>> ReadAllActionsAsync(string runId, bool rollback, CancellationToken ct)
    {
        var names = await _blobs.ListAsync($"{Prefix(runId)}{(rollback ? "rollback" : "action")}/", ct).ConfigureAwait(false);
        var results = new ConcurrentDictionary<string, StoredAction>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (name, token) =>
        {
            var stored = await _blobs.TryReadAsync<StoredAction>(name, token).ConfigureAwait(false);
            if (stored is not null) results[stored.Result.Node] = stored;
        }).ConfigureAwait(false);
        return new Dictionary<string, StoredAction>(results, StringComparer.Ordinal);
    }

    /// <summary>Every gate round's rows, in wave and round order: (wave, round, rows).</summary>
    public async Task<List<(int Wave, int Round, List<GateRow> Rows)>> ReadAllGateRoundsAsync(string runId, CancellationToken ct)
    {
        var names = await _blobs.ListAsync($"{Prefix(runId)}gate/", ct).ConfigureAwait(false);
        var rounds = new List<(int, int, List<GateRow>)>();
        foreach (var name in names)
        {
            var file = Path.GetFileNameWithoutExtension(name);
            var dash = file.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || !int.TryParse(file[..dash], out var wave) || !int.TryParse(file[(dash + 1)..], out var round)) continue;
            if (await _blobs.TryReadAsync<List<GateRow>>(name, ct).ConfigureAwait(false) is { } rows) rounds.Add((wave, round, rows));
        }
        return rounds;
    }
}
