using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Monitors;

/// <summary>Something that happened to a monitor: here, a delivery that failed for good (the engine adds its own kinds).</summary>
public sealed record MonitorEvent(string Kind, DateTimeOffset At)
{
    public string? Target { get; init; }
    public string? AlertId { get; init; }
    public string? Notifier { get; init; }
    public string? Detail { get; init; }
}

/// <summary>
/// A monitor's event log, newest first: one small blob per event in <c>fleetops-monitors</c> under
/// <c>{monitor}/events/</c>, named by inverted time so a listing reads newest first. A seam the delivery side writes
/// through (failed deliveries); the monitor engine's events API reads the same blobs and may merge this into its store.
/// </summary>
public sealed class MonitorEvents(StorageClients storage)
{
    public const string ContainerName = "fleetops-monitors";
    public const string DeliveryFailed = "delivery-failed";

    private readonly BlobJsonStore _blobs = new(storage.Blobs, ContainerName);

    public static string Folder(string monitor) => $"{monitor}/events/";

    /// <summary>Appends an event; the same event (kind, time, alert, notifier) appended again is one blob.</summary>
    public Task AppendAsync(string monitor, MonitorEvent e, CancellationToken ct)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - e.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{e.Kind}|{e.AlertId}|{e.Notifier}|{e.Target}")).AsSpan(0, 8));
        return _blobs.TryCreateAsync($"{Folder(monitor)}{inverted}-{key}.json", e, ct);
    }

    /// <summary>The newest <paramref name="limit"/> events (one listing page, then one read per event).</summary>
    public async Task<List<MonitorEvent>> ListAsync(string monitor, int limit, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var events = new List<MonitorEvent>();
        await foreach (var page in _blobs.Container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = Folder(monitor) }, ct).AsPages(null, limit).ConfigureAwait(false))
        {
            foreach (var item in page.Values.Take(limit))
                if (await _blobs.TryReadAsync<MonitorEvent>(item.Name, ct).ConfigureAwait(false) is { } e) events.Add(e);
            break;
        }
        return events;
    }
}
