using System.Collections.Concurrent;
using FleetOps.Core.Results;
using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Telemetry;

/// <summary>One monitored target's latest cycle, as the per-target series show it; <see cref="Tags"/> are its series labels.</summary>
public sealed record TargetSample(bool Ok, double DurationSeconds, string ErrorKind, double? CertificateExpiry, KeyValuePair<string, object?>[] Tags, DateTimeOffset At);

/// <summary>
/// The latest probe of every monitored target this process probed, by monitor and target: what <see cref="TargetMetrics"/>
/// exports. Written by the monitor's probe activities, read at each scrape. Bounded: at most
/// <see cref="MetricsOptions.MaxTargetSeries"/> targets; a new one beyond that is dropped, counted and logged once.
/// A target not probed within <see cref="MetricsOptions.TargetTtl"/> is forgotten. Thread-safe.
/// </summary>
public sealed class LatestProbes(IOptions<MetricsOptions> options, TimeProvider time, ILogger<LatestProbes> logger)
{
    private readonly ConcurrentDictionary<(string Monitor, string Target), TargetSample> _latest = new();
    private readonly string[] _labels = [.. options.Value.TargetLabels];
    private int _warned;

    /// <summary>Targets dropped because the table was full (the counter fleetops_metrics_series_dropped_total reads it).</summary>
    public event Action<int>? Dropped;

    public int Count => _latest.Count;

    public void Record(string monitor, IReadOnlyList<TargetResult> results)
    {
        var at = time.GetUtcNow();
        var dropped = 0;
        foreach (var result in results)
        {
            var key = (monitor, result.Name);
            if (!_latest.ContainsKey(key) && _latest.Count >= options.Value.MaxTargetSeries)
            {
                dropped++;
                continue;
            }
            _latest[key] = Sample(monitor, result, at);
        }
        if (dropped == 0) return;
        Dropped?.Invoke(dropped);
        if (Interlocked.Exchange(ref _warned, 1) == 0)
            logger.LogWarning("Per-target metrics hold {Max} targets ({Setting}): monitor {Monitor}'s new targets and any others beyond it are not exported (counted in fleetops_metrics_series_dropped_total)",
                options.Value.MaxTargetSeries, $"{MetricsOptions.Section}:MaxTargetSeries", monitor);
    }

    /// <summary>The samples to export now; the ones older than the TTL are forgotten on the way.</summary>
    public IEnumerable<TargetSample> Current()
    {
        var oldest = time.GetUtcNow() - options.Value.TargetTtl;
        foreach (var (key, sample) in _latest)
        {
            if (sample.At < oldest) _latest.TryRemove(new KeyValuePair<(string, string), TargetSample>(key, sample));
            else yield return sample;
        }
    }

    private TargetSample Sample(string monitor, TargetResult result, DateTimeOffset at)
    {
        var tags = new List<KeyValuePair<string, object?>>(2 + _labels.Length) { new("monitor", monitor), new("target", result.Name) };
        foreach (var label in _labels)
            if (result.Labels?.TryGetValue(label, out var value) == true) tags.Add(new(label, value));
        var expiry = result.Checks.Where(c => c.CertificateExpiresAt is not null).Select(c => c.CertificateExpiresAt!.Value).DefaultIfEmpty().Min();
        return new TargetSample(result.Ok, result.LatencyMs / 1000.0, FleetOpsMetrics.ErrorKindTag(result),
            expiry == default ? null : Math.Floor(expiry.ToUnixTimeMilliseconds() / 1000.0), [.. tags], at);
    }
}
