using System.Diagnostics.Metrics;
using Azure;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Telemetry;

/// <summary>
/// <c>fleetops_queue_depth{queue}</c>: the approximate message count of each request queue and its poison queue, as
/// storage reports it. A scrape reads the last counts; when they are older than FleetOps:Metrics:QueueDepthRefresh it
/// starts one refresh in the background, so storage is asked at most that often however often Prometheus scrapes.
/// A queue not created yet counts 0; a failed refresh keeps the last counts.
/// </summary>
public sealed class QueueDepths
{
    public static readonly string[] Queues = [
        Monitors.MonitorQueueHandler.QueueName, Sweeps.SweepQueueHandler.QueueName, Rollouts.RolloutQueueHandler.QueueName, Alerts.AlertOutbox.QueueName];

    private readonly StorageClients _storage;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly ILogger<QueueDepths> _logger;
    private volatile KeyValuePair<string, long>[] _depths = [];
    private long _readAt;
    private int _refreshing;

    public QueueDepths(IMeterFactory meters, StorageClients storage, IOptions<MetricsOptions> options, TimeProvider time, ILogger<QueueDepths> logger)
    {
        (_storage, _time, _refresh, _logger) = (storage, time, options.Value.QueueDepthRefresh, logger);
        meters.Create(FleetOpsMetrics.MeterName).CreateObservableGauge("fleetops.queue.depth", Observe, "{message}",
            "Approximate messages waiting in each queue (request queues, alert-deliveries and their poison queues)");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var stale = _depths.Length == 0 || _time.GetElapsedTime(Interlocked.Read(ref _readAt)) >= _refresh;
        if (stale && Interlocked.Exchange(ref _refreshing, 1) == 0)
            _ = Task.Run(RefreshAsync);
        return _depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key)));
    }

    /// <summary>Reads every queue's count now (the gauge's background refresh; a test may call it to wait for fresh counts).</summary>
    public async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var names = Queues.SelectMany(q => new[] { q, q + "-poison" }).ToArray();
            var counts = await Task.WhenAll(names.Select(n => CountAsync(n, timeout.Token))).ConfigureAwait(false);
            _depths = [.. names.Zip(counts, (n, c) => new KeyValuePair<string, long>(n, c))];
            Interlocked.Exchange(ref _readAt, _time.GetTimestamp());
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException)
        {
            _logger.LogWarning("Queue depth: storage did not answer ({Error}); the last counts stay", e.Message);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task<long> CountAsync(string queue, CancellationToken ct)
    {
        try
        {
            var properties = await _storage.Queues.GetQueueClient(queue).GetPropertiesAsync(ct).ConfigureAwait(false);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
