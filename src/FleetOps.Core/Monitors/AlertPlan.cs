namespace FleetOps.Core.Monitors;

/// <summary>
/// Everything the alert planner needs for one cycle. <see cref="Targets"/> must hold every target that is down, has
/// a ledger entry, or changed state this cycle (the others cannot produce an alert); the parents' states and the
/// dependent counts cover the whole monitor.
/// </summary>
public sealed record AlertPlanInput
{
    public required string Monitor { get; init; }
    public long Cycle { get; init; }
    public DateTimeOffset Now { get; init; }

    /// <summary>When the previous cycle ran: a reminder is due when a multiple of repeatEvery fell between the two.</summary>
    public DateTimeOffset? PreviousCycleAt { get; init; }

    public bool InMaintenance { get; init; }
    public IReadOnlyList<TargetView> Targets { get; init; } = [];

    /// <summary>Child → parent, from <see cref="DependencyMap"/>.</summary>
    public IReadOnlyDictionary<string, string> ParentOf { get; init; } = EmptyMap;

    /// <summary>The current state of every target that is some target's parent.</summary>
    public IReadOnlyDictionary<string, MonitorState> ParentStates { get; init; } = new Dictionary<string, MonitorState>();

    public IReadOnlyDictionary<string, DependentCount> Dependents { get; init; } = new Dictionary<string, DependentCount>();
    public IReadOnlyList<NotifierRoute> Notifiers { get; init; } = [];

    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}

/// <summary>One alert for one notifier. The delivery record's key is (alert id, notifier).</summary>
public sealed record AlertDelivery(MonitorAlert Alert, string Notifier);

/// <summary>
/// The planner's answer: what to send to whom, what was held back (to record, once per reason), and the ledger
/// entries to write back (a null value removes the target's entry).
/// </summary>
public sealed record AlertPlan(
    IReadOnlyList<AlertDelivery> Deliveries,
    IReadOnlyList<MonitorAlert> Sent,
    IReadOnlyList<MonitorAlert> Suppressed,
    IReadOnlyDictionary<string, AlertLedgerEntry?> Ledger);
