using Azure;
using Azure.Data.Tables;

namespace FleetOps.Workflows.Storage;

/// <summary>
/// One table of small index rows (what lists and lookups read instead of scanning runs). Row keys sort the rows, so a
/// range read after a key is one query, however many rows there are. The table is created on first use; a failed
/// creation is tried again on the next call, as <see cref="BlobJsonStore"/> does for containers.
/// </summary>
public sealed class IndexTable
{
    /// <summary>The most rows one query page returns (the service's own limit).</summary>
    public const int MaxPage = 1000;

    private int _created;

    public IndexTable(TableServiceClient tables, string name)
    {
        Client = tables.GetTableClient(name);
    }

    public TableClient Client { get; }

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created) == 1) return;
        await Client.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        Volatile.Write(ref _created, 1);
    }

    /// <summary>Adds a row unless one with the same keys exists; false when one did.</summary>
    public async Task<bool> TryAddAsync(ITableEntity row, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            await Client.AddEntityAsync(row, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Writes a row, replacing one with the same keys: idempotent.</summary>
    public async Task UpsertAsync(ITableEntity row, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        await Client.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    public async Task<TableEntity?> TryGetAsync(string partition, string rowKey, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = await Client.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// At most <paramref name="max"/> rows of a partition whose row key is after <paramref name="after"/> (all when
    /// null), in row-key order; <c>More</c> says whether rows may follow the last one returned.
    /// </summary>
    public async Task<(List<TableEntity> Rows, bool More)> RangeAsync(string partition, string? after, int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var rows = new List<TableEntity>(Math.Min(max, MaxPage));
        await foreach (var page in Client.QueryAsync<TableEntity>(filter, Math.Min(max, MaxPage), cancellationToken: ct).AsPages().ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                if (rows.Count == max) return (rows, true);
                rows.Add(row);
            }
            if (rows.Count == max) return (rows, page.ContinuationToken is not null);
        }
        return (rows, false);
    }
}
