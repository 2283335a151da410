using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FleetOps.Host.Benchmarks;

/// <summary>
/// What orchestration instances hold in the engine's storage: the bytes of their rows in the task hub's History table
/// (every execution's, as the engine keeps them) plus their blobs in the large-messages container (named
/// <c>{instanceId}/…</c>). For the bounded-history checks of tests and the bench.
/// </summary>
public static class HistorySizes
{
    public static async Task<long> BytesAsync(string connectionString, string hub, string instanceId, CancellationToken ct = default)
    {
        var sizes = await ReadAsync(connectionString, hub, instanceId, ct).ConfigureAwait(false);
        return sizes.GetValueOrDefault(instanceId);
    }

    /// <summary>The instance whose history is largest, and its bytes; ("", 0) in an empty hub.</summary>
    public static async Task<(string InstanceId, long Bytes)> LargestAsync(string connectionString, string hub, CancellationToken ct = default)
    {
        var sizes = await ReadAsync(connectionString, hub, instanceId: null, ct).ConfigureAwait(false);
        if (sizes.Count == 0) return ("", 0);
        var largest = sizes.MaxBy(s => s.Value);
        return (largest.Key, largest.Value);
    }

    /// <summary>Bytes per instance: one instance's, or (null) every instance's in the hub.</summary>
    private static async Task<Dictionary<string, long>> ReadAsync(string connectionString, string hub, string? instanceId, CancellationToken ct)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var table = new TableClient(connectionString, hub + "History");
        var rows = instanceId is null ? table.QueryAsync<TableEntity>(cancellationToken: ct) : table.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: ct);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            long bytes = 0;
            foreach (var (key, value) in row)
                bytes += Encoding.UTF8.GetByteCount(key) + value switch
                {
                    string s => Encoding.UTF8.GetByteCount(s),
                    byte[] b => b.Length,
                    _ => 8,
                };
            sizes[row.PartitionKey] = sizes.GetValueOrDefault(row.PartitionKey) + bytes;
        }
        var large = new BlobServiceClient(connectionString).GetBlobContainerClient($"{hub.ToLowerInvariant()}-largemessages");
        if (!await large.ExistsAsync(ct).ConfigureAwait(false)) return sizes;
        // Blob names start with the lower-cased instance id: credit the instance whose id matches, case aside.
        var byLowerId = sizes.Keys.ToDictionary(k => k.ToLowerInvariant(), StringComparer.Ordinal);
        var blobs = large.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = instanceId?.ToLowerInvariant() }, ct);
        await foreach (var blob in blobs.ConfigureAwait(false))
        {
            var prefix = blob.Name.Split('/')[0];
            var owner = instanceId ?? byLowerId.GetValueOrDefault(prefix, prefix);
            sizes[owner] = sizes.GetValueOrDefault(owner) + (blob.Properties.ContentLength ?? 0);
        }
        return sizes;
    }
}
