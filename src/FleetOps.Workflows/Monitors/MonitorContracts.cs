using FleetOps.Core.Checks;
using FleetOps.Core.Monitors;

namespace FleetOps.Workflows.Monitors;

// The monitor's durable payloads: orchestration input (carried across ContinueAsNew), activity inputs and outputs,
// custom status. Read with the tolerant FleetOpsJson.Options, so a field added or removed by another version still reads.

/// <summary>
/// What one execution of <see cref="MonitorOrchestrator"/> hands the next: a few numbers and times, never targets.
/// <see cref="Cycle"/> is the last cycle's id (see <see cref="MonitorCycles"/>).
/// </summary>
public sealed record MonitorCarry(string Monitor)
{
    public string? Incarnation { get; init; }
    public long Cycle { get; init; }
    public DateTimeOffset? LastDue { get; init; }
    public DateTimeOffset? LastStartedAt { get; init; }
    public DateTimeOffset? LastFinishedAt { get; init; }

    /// <summary>Targets the alert planner still remembers (down, or a resolve not yet sent), and the batches holding them.</summary>
    public int Outstanding { get; init; }
    public List<int>? LedgerBatches { get; init; }

    /// <summary>The last planner call failed: the next cycle plans over every batch.</summary>
    public bool PlannerPending { get; init; }

    /// <summary>The UTC day whose history was last rolled up (yyyyMMdd).</summary>
    public string? RolledUpBefore { get; init; }

    public long LateCycles { get; init; }
    public long SkippedCycles { get; init; }
    public MonitorCounts? Counts { get; init; }

    /// <summary>The last cycle's start lateness, so the status shows it until the next cycle starts (the bench reads it per cycle).</summary>
    public double? LastLatenessSeconds { get; init; }
}

/// <summary>Up, down and unknown targets, and how many of them failed their last cycle (down or on the way).</summary>
public sealed record MonitorCounts(int Up, int Down, int Unknown, int Failing)
{
    public static MonitorCounts Zero { get; } = new(0, 0, 0, 0);

    public int Total => Up + Down + Unknown;

    public static MonitorCounts operator +(MonitorCounts a, MonitorCounts b) =>
        new(a.Up + b.Up, a.Down + b.Down, a.Unknown + b.Unknown, a.Failing + b.Failing);

    /// <summary>The monitor as one word: up (nothing down), degraded (some down), down (none up), unknown (nothing judged).</summary>
    public string Overall => Down > 0 ? (Up > 0 ? "degraded" : "down") : Up > 0 ? "up" : "unknown";
}

public enum MonitorLifecycle { Active, Paused, Deleted }

/// <summary>Input of <see cref="PrepareCycleActivity"/>.</summary>
public sealed record PrepareCycleInput(string Monitor, string? Incarnation, DateTimeOffset? LastDue, DateTimeOffset? LastFinishedAt, DateTimeOffset Now)
{
    /// <summary>No cycle ran in this orchestration yet: the plan also says the last cycle storage has seen.</summary>
    public bool FreshStart { get; init; }
}

/// <summary>The heartbeat part of a plan: period, grace, and since when beats are awaited.</summary>
public sealed record HeartbeatPlan(TimeSpan Period, TimeSpan Grace, DateTimeOffset WaitingSince);

/// <summary>
/// What <see cref="PrepareCycleActivity"/> answers: whether the monitor runs, the stored layout to use
/// (<see cref="Version"/>, <see cref="BatchCount"/>), when the next cycle is due, and what a cycle needs to know.
/// </summary>
public sealed record CyclePlan(MonitorLifecycle Status)
{
    public string? Incarnation { get; init; }
    public int Version { get; init; }
    public int BatchCount { get; init; }
    public int TargetCount { get; init; }
    public DateTimeOffset Due { get; init; }
    public DateTimeOffset StartAt { get; init; }
    public int Skipped { get; init; }
    public bool Maintenance { get; init; }
    public int FailureThreshold { get; init; } = MonitorLimits.DefaultFailureThreshold;
    public int SuccessThreshold { get; init; } = MonitorLimits.DefaultSuccessThreshold;
    public ProbeOptions Probe { get; init; } = new();
    public List<NotifierRoute> Notifiers { get; init; } = [];
    public HeartbeatPlan? Heartbeat { get; init; }

    /// <summary>The highest cycle id storage has applied (only on a fresh start): the next cycle's id is above it.</summary>
    public long CycleFloor { get; init; }

    /// <summary>Batches of one cycle in flight at once (<c>FleetOps:Monitors:MaxParallelBatches</c>).</summary>
    public int MaxParallelBatches { get; init; } = 16;

    /// <summary>Why the targets could not be resolved now (a deleted inventory...): the last good layout is used, if any.</summary>
    public string? Problem { get; init; }
}

/// <summary>Input of <see cref="MonitorBatchActivity"/>: one batch of one cycle.</summary>
public sealed record MonitorBatchInput(string Monitor, string Incarnation, int Version, int Batch, long Cycle, DateTimeOffset At)
{
    public bool Maintenance { get; init; }
    public int FailureThreshold { get; init; } = MonitorLimits.DefaultFailureThreshold;
    public int SuccessThreshold { get; init; } = MonitorLimits.DefaultSuccessThreshold;
    public ProbeOptions Probe { get; init; } = new();
    public HeartbeatPlan? Heartbeat { get; init; }
}

/// <summary>What a batch's cycle found: counts by state and how many changed. Stored with the batch's state, so a redelivery returns it.</summary>
public sealed record BatchCycleOutcome(int Batch, long Cycle)
{
    public MonitorCounts Counts { get; init; } = MonitorCounts.Zero;
    public int Transitions { get; init; }
    public int Observed { get; init; }
}

/// <summary>Input of <see cref="PlanAlertsActivity"/>. <see cref="Batches"/> null: read every batch.</summary>
public sealed record PlanAlertsInput(string Monitor, string Incarnation, int Version, int BatchCount, long Cycle, DateTimeOffset At)
{
    public DateTimeOffset? PreviousCycleAt { get; init; }
    public bool Maintenance { get; init; }
    public List<int>? Batches { get; init; }
    public List<NotifierRoute> Notifiers { get; init; } = [];

    /// <summary>How late the cycle started, and the due times it skipped, when it was late (recorded as an event).</summary>
    public double? LateSeconds { get; init; }
    public int Skipped { get; init; }

    /// <summary>Batches that failed all their attempts this cycle (recorded as an event).</summary>
    public List<int>? FailedBatches { get; init; }
}

/// <summary>What the planner did, and what it remembers for the next cycle.</summary>
public sealed record PlanAlertsOutcome(long Cycle, int Sent, int Suppressed, int Deliveries, int Outstanding)
{
    public List<int> LedgerBatches { get; init; } = [];
}

/// <summary>Input of <see cref="RollupHistoryActivity"/>: roll up every day before <see cref="Today"/> (yyyyMMdd).</summary>
public sealed record RollupInput(string Monitor, string Incarnation, string Today);

/// <summary>Input of <see cref="RetireMonitorActivity"/>: remove an incarnation's data.</summary>
public sealed record RetireInput(string Monitor, string Incarnation);

/// <summary>
/// The monitor's custom status: what <c>GET /api/monitors/{name}</c> shows as its runtime, and what the watchdog
/// reads to tell a late cycle (<see cref="Phase"/>, <see cref="NextDue"/>, <see cref="PhaseSince"/>).
/// </summary>
public sealed record MonitorStatus(string Phase)
{
    public const string Waiting = "waiting", Probing = "probing", Paused = "paused", Deleted = "deleted", Preparing = "preparing";

    public DateTimeOffset? PhaseSince { get; init; }
    public long Cycle { get; init; }
    public DateTimeOffset? CycleAt { get; init; }
    public DateTimeOffset? NextDue { get; init; }
    public double? LatenessSeconds { get; init; }
    public long LateCycles { get; init; }
    public long SkippedCycles { get; init; }
    public int Version { get; init; }
    public int Targets { get; init; }
    public int BatchesDone { get; init; }
    public int BatchesTotal { get; init; }
    public int FailedBatches { get; init; }
    public bool Maintenance { get; init; }
    public MonitorCounts? Counts { get; init; }
    public string? Problem { get; init; }
}
