using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace FleetOps.Workflows.Storage;

/// <summary>One run in the index: its key (newest first), id and kind.</summary>
public sealed record RunIndexEntry(string Key, string RunId, string Kind);

/// <summary>
/// Every run, newest first, in the table <c>FleetOpsRuns</c>: what <c>GET /api/runs</c> pages through instead of
/// the engine's instance table (which is in id order and can only be scanned). A starter registers its run before it
/// schedules the orchestration, with the kind's orchestrator name:
/// <code>await runIndex.RegisterAsync(runId, RolloutOrchestrator.Name, ct);</code>
/// The key is the accepted time as inverted ticks (newer sorts first) and the run id. Registering is idempotent: a
/// second registration of an id (a redelivered message, a retried start) keeps the first key.
/// </summary>
public sealed partial class RunIndex(StorageClients storage, TimeProvider time)
{
    public const string TableName = "FleetOpsRuns";
    private const string RunsPartition = "runs", IdsPartition = "run-ids";
    private const string KeyColumn = "Key", RunIdColumn = "RunId", KindColumn = "Kind";

    private readonly IndexTable _table = new(storage.Tables, TableName);

    /// <summary>The row key of a run accepted at <paramref name="acceptedAt"/>: later times sort first.</summary>
    public static string KeyFor(DateTimeOffset acceptedAt, string runId) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - acceptedAt.UtcTicks:D19}_{runId}");

    /// <summary>Whether a client-supplied continuation is a key this index makes (so it can go into a query).</summary>
    public static bool IsKey(string text) => text.Length <= 140 && KeyShape().IsMatch(text);

    [GeneratedRegex("^[0-9]{19}_[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex KeyShape();

    /// <summary>Adds the run (before its orchestration is scheduled); returns its key, the first one if it was already registered.</summary>
    public async Task<string> RegisterAsync(string runId, string orchestratorName, CancellationToken ct)
    {
        if (!WorkflowCatalog.RunKinds.TryGetValue(orchestratorName, out var kind))
            throw new ArgumentException($"'{orchestratorName}' is not a run kind: only {string.Join(", ", WorkflowCatalog.RunKinds.Keys)} are", nameof(orchestratorName));
        var key = KeyFor(time.GetUtcNow(), runId);
        if (!await _table.TryAddAsync(new TableEntity(IdsPartition, runId) { [KeyColumn] = key }, ct).ConfigureAwait(false))
            key = (await _table.TryGetAsync(IdsPartition, runId, ct).ConfigureAwait(false))?.GetString(KeyColumn) ?? key;
        await _table.UpsertAsync(new TableEntity(RunsPartition, key) { [RunIdColumn] = runId, [KindColumn] = kind }, ct).ConfigureAwait(false);
        return key;
    }

    /// <summary>Up to <paramref name="max"/> runs after the key <paramref name="after"/> (from the newest when null), newest first.</summary>
    public async Task<(List<RunIndexEntry> Runs, bool More)> PageAsync(string? after, int max, CancellationToken ct)
    {
        var (rows, more) = await _table.RangeAsync(RunsPartition, after, max, ct).ConfigureAwait(false);
        return (rows.Select(r => new RunIndexEntry(r.RowKey, r.GetString(RunIdColumn) ?? "", r.GetString(KindColumn) ?? "")).ToList(), more);
    }
}
