using System.Diagnostics.Metrics;

namespace FleetOps.Host.Watchdog;

/// <summary>The watchdog's counters on the <c>FleetOps</c> meter (exported at /metrics).</summary>
public sealed class WatchdogMetrics
{
    public WatchdogMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Workflows.Telemetry.FleetOpsMetrics.MeterName);
        Stalls = meter.CreateCounter<long>("fleetops.watchdog.stalls", description: "Stalls detected: outstanding work that did not move for StallAfter");
        Recoveries = meter.CreateCounter<long>("fleetops.watchdog.recoveries", description: "Engine workers recycled in-process to recover from a stall");
    }

    public Counter<long> Stalls { get; }
    public Counter<long> Recoveries { get; }
}
