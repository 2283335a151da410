namespace FleetOps.Core.Monitors;

/// <summary>
/// What the monitor has told (or held back) about a target that is, or was last told to be, down: the planner's
/// memory between cycles. No entry means nothing is outstanding. An entry that is not <see cref="Announced"/> is a
/// down held back by a maintenance window or a down parent: it is sent when the hold lifts and the target is still down.
/// </summary>
public sealed record AlertLedgerEntry
{
    /// <summary>The down alert's id, and the cycle of that change: a later down is a new change.</summary>
    public required string AlertId { get; init; }
    public long ChangeCycle { get; init; }
    public MonitorState Previous { get; init; }
    public DateTimeOffset Since { get; init; }

    public bool Announced { get; init; }
    public DateTimeOffset? AnnouncedAt { get; init; }

    /// <summary>Why it is held back now (a parent's name, or the maintenance flag); recorded once per reason.</summary>
    public string? SuppressedBy { get; init; }
    public bool Maintenance { get; init; }
}

/// <summary>One target as the planner sees it: its state after this cycle and its ledger entry.</summary>
public sealed record TargetView(string Name, string? Address, TargetState State, AlertLedgerEntry? Ledger = null);

/// <summary>How many targets name a parent, and how many of those fail now. Batches count their own; sums merge them.</summary>
public readonly record struct DependentCount(int Total, int Unreachable)
{
    public static DependentCount operator +(DependentCount a, DependentCount b) => new(a.Total + b.Total, a.Unreachable + b.Unreachable);
}

/// <summary>A monitor's notifier as the planner routes to it.</summary>
public sealed record NotifierRoute(string Name, bool SendOnResolved = true, TimeSpan? RepeatEvery = null)
{
    public static NotifierRoute From(MonitorNotifierRef notifier) => new(
        notifier.Name!,
        notifier.SendOnResolved ?? true,
        notifier.RepeatEvery is { } every ? DurationField.Of(every) : null);
}
