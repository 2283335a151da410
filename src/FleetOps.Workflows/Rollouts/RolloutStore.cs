using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FleetOps.Core;
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

    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(RunStore.ContainerName);
    private readonly Lazy<Task> _created = new(() => storage.Blobs.GetBlobContainerClient(RunStore.ContainerName).CreateIfNotExistsAsync());

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
        WriteAsync(ListBlob(runId, NodeLists.All), nodes, ct);

    /// <summary>Writes the pre-flight's healthy nodes unless an earlier delivery already did; returns the list that is stored.</summary>
    public async Task<List<Target>> CreateEligibleAsync(string runId, List<Target> eligible, CancellationToken ct)
    {
        await _created.Value.ConfigureAwait(false);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(eligible, FleetOpsJson.Options);
        try
        {
            await _container.GetBlobClient(ListBlob(runId, NodeLists.Eligible)).UploadAsync(new BinaryData(bytes),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct).ConfigureAwait(false);
            return eligible;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return await ReadNodesAsync(runId, NodeLists.Eligible, ct).ConfigureAwait(false);
        }
    }

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
        var nodes = await ReadAsync<List<Target>>(name, ct).ConfigureAwait(false);
        if (_lists.TryAdd(name, nodes))
        {
            _listOrder.Enqueue(name);
            while (_listOrder.Count > CachedLists && _listOrder.TryDequeue(out var old)) _lists.TryRemove(old, out _);
        }
        return nodes;
    }

    public Task WriteActionAsync(string runId, string node, bool rollback, StoredAction result, CancellationToken ct) =>
        WriteAsync(ActionBlob(runId, node, rollback), result, ct);

    public Task<StoredAction?> TryReadActionAsync(string runId, string node, bool rollback, CancellationToken ct) =>
        TryReadAsync<StoredAction>(ActionBlob(runId, node, rollback), ct);

    public Task WriteGateRoundAsync(string runId, int wave, int round, List<GateRow> rows, CancellationToken ct) =>
        WriteAsync(GateBlob(runId, wave, round), rows, ct);

    public Task<List<GateRow>?> TryReadGateRoundAsync(string runId, int wave, int round, CancellationToken ct) =>
        TryReadAsync<List<GateRow>>(GateBlob(runId, wave, round), ct);

    public Task WritePreflightAsync(string runId, List<GateRow> rows, CancellationToken ct) => WriteAsync(PreflightBlob(runId), rows, ct);

    public Task<List<GateRow>?> TryReadPreflightAsync(string runId, CancellationToken ct) => TryReadAsync<List<GateRow>>(PreflightBlob(runId), ct);

    /// <summary>Every stored node result of one kind, by node name (for the report).</summary>
    public async Task<Dictionary<string, StoredAction>> ReadAllActionsAsync(string runId, bool rollback, CancellationToken ct)
    {
        var names = await ListAsync($"{Prefix(runId)}{(rollback ? "rollback" : "action")}/", ct).ConfigureAwait(false);
        var results = new ConcurrentDictionary<string, StoredAction>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (name, token) =>
        {
            var stored = await TryReadAsync<StoredAction>(name, token).ConfigureAwait(false);
            if (stored is not null) results[stored.Result.Node] = stored;
        }).ConfigureAwait(false);
        return new Dictionary<string, StoredAction>(results, StringComparer.Ordinal);
    }

    /// <summary>Every gate round's rows, in wave and round order: (wave, round, rows).</summary>
    public async Task<List<(int Wave, int Round, List<GateRow> Rows)>> ReadAllGateRoundsAsync(string runId, CancellationToken ct)
    {
        var names = await ListAsync($"{Prefix(runId)}gate/", ct).ConfigureAwait(false);
        var rounds = new List<(int, int, List<GateRow>)>();
        foreach (var name in names)
        {
            var file = Path.GetFileNameWithoutExtension(name);
            var dash = file.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || !int.TryParse(file[..dash], out var wave) || !int.TryParse(file[(dash + 1)..], out var round)) continue;
            if (await TryReadAsync<List<GateRow>>(name, ct).ConfigureAwait(false) is { } rows) rounds.Add((wave, round, rows));
        }
        return rounds;
    }

    private async Task<List<string>> ListAsync(string prefix, CancellationToken ct)
    {
        await _created.Value.ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct).ConfigureAwait(false)) names.Add(item.Name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private async Task WriteAsync<T>(string name, T value, CancellationToken ct)
    {
        await _created.Value.ConfigureAwait(false);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, FleetOpsJson.Options);
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(bytes), overwrite: true, ct).ConfigureAwait(false);
    }

    private async Task<T?> TryReadAsync<T>(string name, CancellationToken ct) where T : class
    {
        try
        {
            return await ReadAsync<T>(name, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<T> ReadAsync<T>(string name, CancellationToken ct)
    {
        await _created.Value.ConfigureAwait(false);
        var content = await _container.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false);
        try
        {
            return content.Value.Content.ToObjectFromJson<T>(FleetOpsJson.Options)
                ?? throw new InvalidDataException($"blob {RunStore.ContainerName}/{name} holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"blob {RunStore.ContainerName}/{name} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
