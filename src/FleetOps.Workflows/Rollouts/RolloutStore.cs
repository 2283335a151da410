using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// A rollout's bulk data in <c>fleetops-runs</c> under <c>{runId}/rollout/</c>, every name deterministic so each write
/// is idempotent under redelivery: <c>nodes.json</c> (the resolved nodes, in order), <c>eligible.json</c> (the ones a
/// pre-flight found healthy), <c>preflight.json</c>, <c>action/{from}-{end}.jsonl</c> and
/// <c>rollback/{from}-{end}.jsonl</c> (a journal per chunk of node indexes, <see cref="ActionJournal"/>),
/// <c>gate/{wave}.json</c> (each gated node's record), <c>timeline/{segment}.json</c> and <c>control.json</c>.
/// Reading a rollout back costs O(chunks + waves + segments) blobs, never one per node or per gate round.
/// </summary>
public sealed class RolloutStore(StorageClients storage)
{
    public const int SampleNames = 50;
    private const int CachedLists = 16, ParallelReads = 16;

    private readonly BlobJsonStore _blobs = new(storage.Blobs, RunStore.ContainerName);

    // Node lists never change once written: activities of a run read them once per process, not once per chunk.
    private readonly ConcurrentDictionary<string, List<Target>> _lists = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _listOrder = new();

    public static string Prefix(string runId) => $"{runId}/rollout/";
    public static string ListBlob(string runId, string list) => $"{Prefix(runId)}{list}.json";
    public static string JournalFolder(string runId, bool rollback) => $"{Prefix(runId)}{(rollback ? "rollback" : "action")}/";
    public static string JournalBlob(string runId, bool rollback, int from, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{JournalFolder(runId, rollback)}{from:D7}-{from + count:D7}.jsonl");
    public static string GateBlob(string runId, int wave) => string.Create(CultureInfo.InvariantCulture, $"{Prefix(runId)}gate/{wave:D6}.json");
    public static string TimelineBlob(string runId, int segment) => string.Create(CultureInfo.InvariantCulture, $"{Prefix(runId)}timeline/{segment:D6}.json");
    public static string PreflightBlob(string runId) => $"{Prefix(runId)}preflight.json";
    public static string ControlBlob(string runId) => $"{Prefix(runId)}control.json";

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

    /// <summary>The journal of one chunk: nodes <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> − 1 of the run's node list.</summary>
    public ActionJournal Journal(string runId, bool rollback, int from, int count) => new(_blobs, JournalBlob(runId, rollback, from, count));

    /// <summary>Stored results of nodes <paramref name="from"/> (inclusive) to <paramref name="end"/> (exclusive), by node name.</summary>
    public async Task<Dictionary<string, StoredAction>> ReadActionsAsync(string runId, bool rollback, int from, int end, CancellationToken ct)
    {
        var names = (await _blobs.ListAsync(JournalFolder(runId, rollback), ct).ConfigureAwait(false))
            .Where(n => RangeOf(n) is { } r && r.From < end && r.End > from).ToList();
        return await ReadJournalsAsync(names, ct).ConfigureAwait(false);
    }

    /// <summary>Every stored node result of one kind, by node name (for the report): one read per chunk.</summary>
    public async Task<Dictionary<string, StoredAction>> ReadAllActionsAsync(string runId, bool rollback, CancellationToken ct) =>
        await ReadJournalsAsync(await _blobs.ListAsync(JournalFolder(runId, rollback), ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    public Task WriteGateAsync(string runId, int wave, GateState state, CancellationToken ct) => _blobs.WriteAsync(GateBlob(runId, wave), state, ct);

    public Task<GateState?> TryReadGateAsync(string runId, int wave, CancellationToken ct) => _blobs.TryReadAsync<GateState>(GateBlob(runId, wave), ct);

    /// <summary>Every wave's gate record, by 0-based wave.</summary>
    public async Task<Dictionary<int, GateState>> ReadAllGatesAsync(string runId, CancellationToken ct)
    {
        var gates = new ConcurrentDictionary<int, GateState>();
        var names = await _blobs.ListAsync($"{Prefix(runId)}gate/", ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (name, token) =>
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(name), NumberStyles.None, CultureInfo.InvariantCulture, out var wave)
                && await _blobs.TryReadAsync<GateState>(name, token).ConfigureAwait(false) is { } state)
                gates[wave] = state;
        }).ConfigureAwait(false);
        return new Dictionary<int, GateState>(gates);
    }

    public Task WritePreflightAsync(string runId, List<GateRow> rows, CancellationToken ct) => _blobs.WriteAsync(PreflightBlob(runId), rows, ct);

    public Task<List<GateRow>?> TryReadPreflightAsync(string runId, CancellationToken ct) => _blobs.TryReadAsync<List<GateRow>>(PreflightBlob(runId), ct);

    /// <summary>Writes a segment of the timeline; a redelivery writes the same entries again.</summary>
    public Task WriteTimelineAsync(string runId, int segment, List<TimelineEntry> entries, CancellationToken ct) =>
        _blobs.WriteAsync(TimelineBlob(runId, segment), entries, ct);

    /// <summary>The written timeline, segment by segment in order, and how many segments are written.</summary>
    public async Task<(List<TimelineEntry> Entries, int Segments)> ReadTimelineAsync(string runId, CancellationToken ct)
    {
        var names = await _blobs.ListAsync($"{Prefix(runId)}timeline/", ct).ConfigureAwait(false);
        var segments = new List<TimelineEntry>?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct },
            async (i, token) => segments[i] = await _blobs.TryReadAsync<List<TimelineEntry>>(names[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return (segments.Where(s => s is not null).SelectMany(s => s!).ToList(), names.Count);
    }

    public Task WriteControlAsync(string runId, ControlFlag flag, CancellationToken ct) => _blobs.WriteAsync(ControlBlob(runId), flag, ct);

    public Task<ControlFlag?> TryReadControlAsync(string runId, CancellationToken ct) => _blobs.TryReadAsync<ControlFlag>(ControlBlob(runId), ct);

    private async Task<Dictionary<string, StoredAction>> ReadJournalsAsync(List<string> names, CancellationToken ct)
    {
        var journals = new List<StoredAction>[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct },
            async (i, token) => journals[i] = await new ActionJournal(_blobs, names[i]).ReadAsync(token).ConfigureAwait(false)).ConfigureAwait(false);
        var results = new Dictionary<string, StoredAction>(StringComparer.Ordinal);
        foreach (var stored in journals.SelectMany(j => j)) results.TryAdd(stored.Result.Node, stored);
        return results;
    }

    /// <summary>The node range a journal's name holds: <c>.../0000040-0000080.jsonl</c> → [40, 80).</summary>
    private static (int From, int End)? RangeOf(string name)
    {
        var file = Path.GetFileNameWithoutExtension(name);
        var dash = file.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
               && int.TryParse(file.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
               && int.TryParse(file.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            ? (from, end)
            : null;
    }
}
