using System.Globalization;

namespace FleetOps.Cli.Bench;

/// <summary>The monitor bench's arithmetic, apart from any I/O so it is tested on its own.</summary>
public static class MonitorBenchMath
{
    public static readonly TimeSpan Month = TimeSpan.FromDays(30);

    /// <summary>Nearest-rank percentile (<paramref name="p"/> in 0..100) of <paramref name="values"/>; null when there are none.</summary>
    public static double? Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>CPU time over wall time, in % of one core (200 % is both cores of a 2-core machine busy).</summary>
    public static double CpuPercent(TimeSpan cpu, TimeSpan wall) => wall <= TimeSpan.Zero ? 0 : 100.0 * cpu.Ticks / wall.Ticks;

    /// <summary>A per-cycle count spread over targets and scaled to a 30-day month of cycles every <paramref name="interval"/>.</summary>
    public static double PerTargetPerMonth(double perCycle, int targets, TimeSpan interval) =>
        targets <= 0 || interval <= TimeSpan.Zero ? 0 : perCycle / targets * (Month / interval);

    /// <summary>Bytes stored over <paramref name="span"/> by <paramref name="targets"/> targets, scaled to one target and one day.</summary>
    public static double PerTargetPerDay(long bytes, int targets, TimeSpan span) =>
        targets <= 0 || span <= TimeSpan.Zero ? 0 : (double)bytes / targets * (TimeSpan.FromDays(1) / span);

    /// <summary>
    /// The least-squares slope of lateness over cycle number, in seconds per cycle: near zero when cycles keep up, positive
    /// when each cycle starts later than the one before (lag grows). Null with fewer than two cycles.
    /// </summary>
    public static double? LagSlope(IReadOnlyList<double> latenessByCycle)
    {
        ArgumentNullException.ThrowIfNull(latenessByCycle);
        var n = latenessByCycle.Count;
        if (n < 2) return null;
        var meanX = (n - 1) / 2.0;
        var meanY = latenessByCycle.Average();
        double num = 0, den = 0;
        for (var i = 0; i < n; i++)
        {
            num += (i - meanX) * (latenessByCycle[i] - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }

    /// <summary>
    /// The <c>fleetops_storage_requests_total</c> series of a Prometheus text scrape, by (service, client); a series
    /// missing from the scrape is not in the map.
    /// </summary>
    public static Dictionary<(string Service, string Client), double> StorageRequests(string prometheusText)
    {
        ArgumentNullException.ThrowIfNull(prometheusText);
        const string Name = "fleetops_storage_requests_total{";
        var counts = new Dictionary<(string, string), double>();
        foreach (var line in prometheusText.Split('\n'))
        {
            if (!line.StartsWith(Name, StringComparison.Ordinal)) continue;
            var close = line.IndexOf('}', StringComparison.Ordinal);
            if (close < 0) continue;
            var labels = line[Name.Length..close];
            var value = line[(close + 1)..].Trim().Split(' ')[0];
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var count)) continue;
            var key = (Label(labels, "service") ?? "?", Label(labels, "client") ?? "?");
            counts[key] = counts.GetValueOrDefault(key) + count;
        }
        return counts;
    }

    /// <summary>Each series' increase from <paramref name="before"/> to <paramref name="after"/> (a series new in after counts from 0).</summary>
    public static Dictionary<(string Service, string Client), double> Delta(
        IReadOnlyDictionary<(string Service, string Client), double> before, IReadOnlyDictionary<(string Service, string Client), double> after) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));

    private static string? Label(string labels, string name)
    {
        var start = labels.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (start < 0) return null;
        start += name.Length + 2;
        var end = labels.IndexOf('"', start);
        return end < 0 ? null : labels[start..end];
    }

    /// <summary>"10000@30s" (targets @ interval; s, m or h) → the spec; null with a reason when it is not one.</summary>
    public static (MonitorBenchSpec? Spec, string? Error) ParseSpec(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('@');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var targets) || targets is < 1 or > 100_000)
            return (null, $"'{text}' is not TARGETS@INTERVAL with 1 to 100000 targets (e.g. 10000@30s)");
        if (ParseDuration(parts[1]) is not { TotalSeconds: >= 10 } interval)
            return (null, $"'{text}': the interval '{parts[1]}' is not a duration of at least 10s (10s, 1m, 1h)");
        return (new MonitorBenchSpec(targets, interval), null);
    }

    /// <summary>"30s", "5m", "1h" → the duration; null when it is not one (or not positive).</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scale = text.Length > 1 ? text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 } : 0;
        return scale > 0 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000
            ? TimeSpan.FromSeconds((long)n * scale) : null;
    }
}

/// <summary>One monitor bench: this many targets probed every <see cref="Interval"/>.</summary>
public sealed record MonitorBenchSpec(int Targets, TimeSpan Interval)
{
    public override string ToString() => $"{Targets}@{(int)Interval.TotalSeconds}s";
}
