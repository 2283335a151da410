using Azure.Data.Tables;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// The completed sweeps of each stored inventory, newest first, in the run index table (one partition per
/// inventory, keyed like <see cref="RunIndex"/>): written by a sweep's last activity, read by
/// <c>diff=previous</c> with one query however many runs there are.
/// </summary>
public sealed class SweepHistory(StorageClients storage)
{
    private const string RunIdColumn = "RunId";
    private readonly IndexTable _table = new(storage.Tables, RunIndex.TableName);

    private static string Partition(string inventory) => $"sweeps-of:{inventory}";

    /// <summary>Records a completed sweep of <paramref name="inventory"/>. Idempotent: the same row every time.</summary>
    public Task RecordCompletedAsync(string inventory, string runKey, string runId, CancellationToken ct) =>
        _table.UpsertAsync(new TableEntity(Partition(inventory), runKey) { [RunIdColumn] = runId }, ct);

    /// <summary>The newest completed sweep of <paramref name="inventory"/> accepted before the run with key <paramref name="runKey"/>.</summary>
    public async Task<string?> FindPreviousAsync(string inventory, string runKey, CancellationToken ct)
    {
        var (rows, _) = await _table.RangeAsync(Partition(inventory), runKey, 1, ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].GetString(RunIdColumn);
    }
}
