using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using FleetOps.Core;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Monitors;

/// <summary>What happened to a monitor, one entry of its event log.</summary>
public sealed record MonitorEvent(string Kind, DateTimeOffset At)
{
    /// <summary>Names the event for idempotence: appending the same id again replaces it. Default: a hash of the content.</summary>
    public string? Id { get; init; }
    public string? Target { get; init; }
    public MonitorState? From { get; init; }
    public MonitorState? To { get; init; }
    public long? Cycle { get; init; }
    public string? AlertId { get; init; }
    public AlertKind? Alert { get; init; }
    public List<string>? Notifiers { get; init; }
    public string? Notifier { get; init; }
    public bool? Maintenance { get; init; }
    public string? SuppressedBy { get; init; }
    public string? Message { get; init; }
}

/// <summary>The kinds of <see cref="MonitorEvent"/>.</summary>
public static class MonitorEventKinds
{
    public const string StateChanged = "state-changed";
    /// <summary>Handed to delivery (queued on <c>alert-deliveries</c>), one event per alert with its notifiers.</summary>
    public const string AlertSent = "alert-sent";
    public const string AlertSuppressed = "alert-suppressed";
    /// <summary>Appended by delivery when a notifier could not be reached after its retries.</summary>
    public const string DeliveryFailed = "delivery-failed";
    public const string CycleLate = "cycle-late";
    public const string BatchFailed = "batch-failed";
    public const string Created = "created", Updated = "updated", Paused = "paused", Resumed = "resumed", Deleted = "deleted";
}

/// <summary>
/// Each monitor's event log, newest first, in the table <c>FleetOpsMonitorEvents</c> (a partition per monitor name; the
/// row key is the event's time inverted, so newest sorts first, and its id). Appending is idempotent: the same event
/// (a redelivered planner's) lands on the same row. Delivery appends its failures here:
/// <code>await events.AppendAsync(alert.Monitor, new MonitorEvent(MonitorEventKinds.DeliveryFailed, now) { AlertId = alert.Id, Notifier = "ops", Message = reason }, ct);</code>
/// </summary>
public sealed partial class MonitorEvents(StorageClients storage)
{
    public const string TableName = "FleetOpsMonitorEvents";
    private const string EventColumn = "Event";
    private const int TransactionSize = 100;

    private readonly IndexTable _table = new(storage.Tables, TableName);

    public Task AppendAsync(string monitor, MonitorEvent entry, CancellationToken ct) => AppendAllAsync(monitor, [entry], ct);

    public async Task AppendAllAsync(string monitor, IReadOnlyCollection<MonitorEvent> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await _table.EnsureCreatedAsync(ct).ConfigureAwait(false);
        // One row per key (a key given twice in one transaction is refused), then transactions of at most 100 rows.
        var rows = entries.GroupBy(Key).Select(g => g.Last()).Select(e => new TableEntity(monitor, Key(e))
        {
            [EventColumn] = JsonSerializer.Serialize(e, FleetOpsJson.Options),
        }).ToList();
        foreach (var chunk in rows.Chunk(TransactionSize))
            await _table.Client.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct).ConfigureAwait(false);
    }

    /// <summary>Up to <paramref name="max"/> events newest first, after the key <paramref name="after"/> (a previous page's last).</summary>
    public async Task<(List<MonitorEvent> Events, string? Next)> PageAsync(string monitor, string? after, int max, CancellationToken ct)
    {
        var (rows, more) = await _table.RangeAsync(monitor, after, max, ct).ConfigureAwait(false);
        var events = rows.Select(r => JsonSerializer.Deserialize<MonitorEvent>(r.GetString(EventColumn) ?? "null", FleetOpsJson.Options))
            .Where(e => e is not null).Select(e => e!).ToList();
        return (events, more && rows.Count > 0 ? rows[^1].RowKey : null);
    }

    /// <summary>Removes up to <paramref name="max"/> events older than <paramref name="cutoff"/> (retention); returns how many went.</summary>
    public async Task<int> DeleteBeforeAsync(string monitor, DateTimeOffset cutoff, int max, CancellationToken ct)
    {
        var (rows, _) = await _table.RangeAsync(monitor, Inverted(cutoff) + "-", max, ct).ConfigureAwait(false);
        return await DeleteRowsAsync(monitor, rows, ct).ConfigureAwait(false);
    }

    /// <summary>Removes a deleted monitor's whole log, page by page.</summary>
    public async Task<int> DeleteAllAsync(string monitor, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            var (rows, more) = await _table.RangeAsync(monitor, null, IndexTable.MaxPage, ct).ConfigureAwait(false);
            deleted += await DeleteRowsAsync(monitor, rows, ct).ConfigureAwait(false);
            if (!more || rows.Count == 0) return deleted;
        }
    }

    /// <summary>Whether a client-supplied continuation is a key this log makes (so it can go into a query).</summary>
    public static bool IsKey(string text) => KeyShape().IsMatch(text);

    public static string Key(MonitorEvent e) => $"{Inverted(e.At)}-{Hash(e.Id ?? JsonSerializer.Serialize(e with { At = default }, FleetOpsJson.Options), e.Kind)}";

    private async Task<int> DeleteRowsAsync(string monitor, List<TableEntity> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(TransactionSize))
        {
            try
            {
                await _table.Client.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // A row already gone fails the whole transaction: delete one by one instead (404 is fine).
                foreach (var row in chunk) await _table.Client.DeleteEntityAsync(monitor, row.RowKey, ETag.All, ct).ConfigureAwait(false);
            }
        }
        return rows.Count;
    }

    private static string Inverted(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static string Hash(string id, string kind) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}|{id}")).AsSpan(0, 16));

    [GeneratedRegex("^[0-9]{19}-[0-9a-f]{32}$")]
    private static partial Regex KeyShape();
}
