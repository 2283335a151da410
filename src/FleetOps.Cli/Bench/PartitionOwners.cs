using Azure.Data.Tables;

namespace FleetOps.Cli.Bench;

/// <summary>The engine's partition table (<c>{hub}Partitions</c>, the table partition manager's): each partition's lease owner.</summary>
internal static class PartitionOwners
{
    /// <summary>Each partition's current owner (a worker id; null or empty while unowned), in the table's order.</summary>
    public static async Task<List<string?>> ReadAsync(string connectionString, string hub, CancellationToken ct)
    {
        var owners = new List<string?>();
        await foreach (var row in new TableClient(connectionString, $"{hub}Partitions").QueryAsync<TableEntity>(cancellationToken: ct).ConfigureAwait(false))
            owners.Add(row.GetString("CurrentOwner"));
        return owners;
    }
}
