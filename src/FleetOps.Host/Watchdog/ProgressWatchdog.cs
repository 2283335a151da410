using FleetOps.Host.Engine;
using FleetOps.Host.Health;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Watchdog;

/// <summary>
/// Samples outstanding work every <c>CheckInterval</c>. Work that has not moved for <c>StallAfter</c> is a stall:
/// readiness turns Degraded, ONE log line names the instances and message ids, the stalls counter goes up, and the
/// engine's worker is recycled in-process (a fresh worker has no stale in-memory deliveries; the stuck messages come
/// back after their visibility timeout and are processed once: activities are idempotent). If the same work still has
/// not moved a further StallAfter later, it recycles again. A storage outage or an engine that is not running does
/// not count as a stall: the clock is held until both are back.
/// </summary>
public sealed class ProgressWatchdog(IEnumerable<IProgressSource> sources, EngineRefusals refusals, IRecyclableEngine engine, IStorageStatus storage,
    WatchdogMetrics metrics, IOptions<WatchdogOptions> options, TimeProvider time, ILogger<ProgressWatchdog> logger) : BackgroundService
{
    private readonly WatchdogOptions _options = options.Value;
    private readonly StallDetector _detector = new(options.Value.StallAfter);
    private Dictionary<string, string>? _episode;
    private DateTimeOffset _episodeStart;
    private DateTimeOffset _nextRecycle;

    /// <summary>Null while nothing is stalled; else what is, for readiness (counts only: ids stay in the logs).</summary>
    public string? Stall { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_options.CheckInterval, time, stoppingToken).ConfigureAwait(false);
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: sample, detect, report, recover.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        var samples = new List<ProgressSample>();
        try
        {
            foreach (var source in sources) samples.AddRange(await source.SampleAsync(ct).ConfigureAwait(false));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Cannot see progress (storage away): this round says nothing, and its time does not count.
            if (StorageFailures.IsUnavailable(e)) storage.ReportFailure();
            _detector.Hold(time.GetUtcNow());
            return;
        }
        var now = time.GetUtcNow();
        _detector.Observe(samples, now);
        if (!storage.IsReachable || engine.State != EngineState.Running)
        {
            _detector.Hold(now);
            return;
        }
        if (_episode is not null) EndEpisodeIfMoved(now);
        var stalled = _detector.Stalled(now);
        if (stalled.Count == 0) return;
        if (_episode is null) StartEpisode(stalled, now);
        if (_options.Recover && now >= _nextRecycle) await RecoverAsync(ct).ConfigureAwait(false);
    }

    private void StartEpisode(IReadOnlyList<ProgressSample> stalled, DateTimeOffset now)
    {
        _episode = stalled.ToDictionary(s => s.Key, s => s.Signature, StringComparer.Ordinal);
        _episodeStart = now;
        _nextRecycle = now;
        var instances = stalled.Where(s => s.InstanceId is not null).Select(s => s.InstanceId!).ToList();
        var messages = stalled.Where(s => s.MessageId is not null).Select(s => s.MessageId!).ToList();
        Stall = $"{instances.Count} run(s) and {messages.Count} refused message(s) without progress for {_options.StallAfter}";
        metrics.Stalls.Add(1);
        var what = string.Join("; ", new[]
        {
            instances.Count > 0 ? $"runs [{string.Join(", ", instances)}]" : null,
            messages.Count > 0 ? $"work-item messages the engine refuses as processed concurrently [{string.Join(", ", messages)}]" : null,
        }.Where(p => p is not null));
        logger.LogError("Watchdog: stall: no progress for {StallAfter} on {What}. {Action}", _options.StallAfter, what,
            _options.Recover ? "Recycling the engine worker in-process." : "Recovery is off (FleetOps:Watchdog:Recover).");
    }

    /// <summary>The episode ends when every piece of work that stalled has moved or finished.</summary>
    private void EndEpisodeIfMoved(DateTimeOffset now)
    {
        var episode = _episode!;
        foreach (var (key, signature) in episode.ToList())
            if (_detector.SignatureOf(key) != signature) episode.Remove(key);
        if (episode.Count > 0) return;
        logger.LogWarning("Watchdog: progress resumed {Seconds:0} s after the stall was detected", (now - _episodeStart).TotalSeconds);
        _episode = null;
        Stall = null;
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        try
        {
            await engine.RecycleAsync("watchdog: outstanding work did not move", ct).ConfigureAwait(false);
            metrics.Recoveries.Add(1);
            refusals.Clear();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError("Watchdog: recycling the engine worker failed: {Error}", StorageFailures.Summary(e));
        }
        var now = time.GetUtcNow();
        _detector.Hold(now);
        _nextRecycle = now + _options.StallAfter;
    }
}
