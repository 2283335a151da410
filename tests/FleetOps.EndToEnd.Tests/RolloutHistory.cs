using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// What an orchestration instance holds in the engine's storage: the bytes of its rows in the task hub's History table
/// (every execution's, as the engine keeps them) plus its blobs in the large-messages container.
/// </summary>
internal static class RolloutHistory
{
    public static async Task<long> BytesAsync(string connectionString, string hub, string instanceId)
    {
        long bytes = 0;
        var table = new TableClient(connectionString, hub + "History");
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId))
        {
            foreach (var (key, value) in row)
                bytes += Encoding.UTF8.GetByteCount(key) + value switch
                {
                    string s => Encoding.UTF8.GetByteCount(s),
                    byte[] b => b.Length,
                    _ => 8,
                };
        }
        var large = new BlobServiceClient(connectionString).GetBlobContainerClient($"{hub.ToLowerInvariant()}-largemessages");
        if (await large.ExistsAsync())
        {
            await foreach (var blob in large.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = instanceId.ToLowerInvariant() }))
                bytes += blob.Properties.ContentLength ?? 0;
        }
        return bytes;
    }
}
