namespace FleetOps.Core.Monitors;

/// <summary>What an uptime query answers for a target, or for the whole monitor: counts, uptime % and latency percentiles.</summary>
public sealed record UptimeFigures(long Cycles, long Up, long Maintenance, double? UptimePercent, double? P50Ms, double? P95Ms)
{
    public static UptimeFigures Of(UptimeTally tally, bool includeMaintenance)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var percent = tally.UptimePercent(includeMaintenance);
        return new UptimeFigures(tally.Total, tally.Up, tally.Maintenance, percent is { } p ? Math.Round(p, 4) : null,
            tally.Percentile(0.50), tally.Percentile(0.95));
    }

    /// <summary>Per target and overall from each target's tallies over the window (overall: every cycle of every target).</summary>
    public static (UptimeFigures Overall, Dictionary<string, UptimeFigures> PerTarget) For(
        IEnumerable<KeyValuePair<string, UptimeTally>> perTarget, bool includeMaintenance)
    {
        var overall = new UptimeTally();
        var figures = new Dictionary<string, UptimeFigures>(StringComparer.Ordinal);
        foreach (var (target, tally) in perTarget)
        {
            overall.Merge(tally);
            figures[target] = Of(tally, includeMaintenance);
        }
        return (Of(overall, includeMaintenance), figures);
    }
}
