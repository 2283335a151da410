using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Monitors;

/// <summary>
/// Body of <c>PUT /api/monitors/{name}</c> (and of a <c>monitor-requests</c> message): what to check, how often, who
/// to tell and when not to. The target source, checks and options are a sweep's; the rest is the monitor's own.
/// A <see cref="Heartbeat"/> monitor has no targets and no checks: it waits for beats instead.
/// </summary>
public sealed record MonitorDefinition
{
    /// <summary>Optional in a PUT (the route names it); required in a queue message. Must match the route when both are given.</summary>
    public string? Name { get; init; }

    public List<TargetSpec>? Targets { get; init; }
    public string? Inventory { get; init; }
    public InlineInventory? InventoryInline { get; init; }
    public string? Selector { get; init; }
    public List<CheckSpec>? Checks { get; init; }
    public SweepOptions? Options { get; init; }

    /// <summary>Duration text, at least 10 s: <c>30s</c>, <c>5m</c>, <c>1h30m</c>. Exactly one of this and <see cref="Schedule"/> (heartbeats: neither).</summary>
    public string? Interval { get; init; }

    /// <summary>Cron, 5 fields or 6 with seconds first: <c>*/5 * * * *</c>. Runs at least 10 s apart.</summary>
    public string? Schedule { get; init; }

    /// <summary>IANA name (<c>Europe/Paris</c>) for <see cref="Schedule"/> and maintenance crons; default UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Consecutive failures that turn a target down (default 3).</summary>
    public int? FailureThreshold { get; init; }

    /// <summary>Consecutive successes that turn a down target up again (default 2).</summary>
    public int? SuccessThreshold { get; init; }

    public List<MonitorNotifierRef>? Notifiers { get; init; }
    public List<MaintenanceWindowSpec>? Maintenance { get; init; }

    /// <summary>Count cycles inside maintenance windows in uptime (default false: they are left out).</summary>
    public bool? UptimeIncludesMaintenance { get; init; }

    /// <summary>The label by which a target names its parent (default <c>parent</c>); an inventory group's <c>gateway</c> var becomes one.</summary>
    public string? ParentLabel { get; init; }

    public HeartbeatSpec? Heartbeat { get; init; }
    public bool? Paused { get; init; }

    /// <summary>Free-form; <c>fleetops apply</c> marks what it owns here.</summary>
    public Dictionary<string, string>? Labels { get; init; }
}

/// <summary>A stored notifier this monitor alerts through, and how.</summary>
public sealed record MonitorNotifierRef
{
    public string? Name { get; init; }

    /// <summary>Also tell it when a down target is up again (default true).</summary>
    public bool? SendOnResolved { get; init; }

    /// <summary>Remind it this often while a target stays down (duration text, at least 1m); none when absent.</summary>
    public string? RepeatEvery { get; init; }
}

/// <summary>A recurring window (<see cref="Cron"/> + <see cref="Duration"/>) or a one-off (<see cref="From"/> to <see cref="Until"/>).</summary>
public sealed record MaintenanceWindowSpec
{
    public string? Cron { get; init; }
    public string? Duration { get; init; }

    /// <summary>ISO 8601 with an offset or Z: <c>2026-12-01T22:00:00Z</c>.</summary>
    public string? From { get; init; }
    public string? Until { get; init; }
}

/// <summary>A dead man's switch: down when no beat arrived within <see cref="Period"/> + <see cref="Grace"/>.</summary>
public sealed record HeartbeatSpec
{
    public string? Period { get; init; }

    /// <summary>Extra time after a missed period before the monitor turns down (default 1m).</summary>
    public string? Grace { get; init; }
}
