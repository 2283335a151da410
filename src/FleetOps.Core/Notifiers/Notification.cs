using FleetOps.Core.Monitors;

namespace FleetOps.Core.Notifiers;

/// <summary>Whether a notification opens (or repeats) a problem or ends one.</summary>
public enum NotificationStatus { Firing, Resolved }

/// <summary>PagerDuty's scale, which the other kinds map onto colours and labels.</summary>
public enum NotificationSeverity { Critical, Error, Warning, Info }

/// <summary>
/// What every notifier kind renders: a monitor alert or a rollout event (or a test), reduced to the parts a receiver
/// shows. <see cref="Id"/> is the <c>Idempotency-Key</c>; <see cref="IncidentKey"/> ties a firing notification to the
/// one that resolves it; <see cref="Labels"/> identify the problem (Alertmanager deduplicates on them).
/// </summary>
public sealed record Notification
{
    public required string Id { get; init; }
    public required string IncidentKey { get; init; }

    /// <summary>monitor.down, monitor.still-down, monitor.up, rollout.waiting-approval, rollout.halted, ..., test.</summary>
    public required string Event { get; init; }

    public NotificationStatus Status { get; init; }
    public NotificationSeverity Severity { get; init; }
    public required string Title { get; init; }
    public string? Detail { get; init; }

    /// <summary>The affected system: a target's address or name, a rollout's name.</summary>
    public required string Source { get; init; }

    /// <summary>When the problem began (a down's since; a rollout event's time) and when this notification's event happened.</summary>
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>Name/value facts in display order (Monitor, Target, Check, Error, Since...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];

    /// <summary>Identity labels: alertname plus monitor/target, or rollout/run.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>A link back to FleetOps (the run, the monitor), when the host knows its public address.</summary>
    public string? Link { get; init; }

    /// <summary>The full event for the FleetOps webhook body: one of these is set (none for a test).</summary>
    public MonitorAlert? Alert { get; init; }
    public RolloutNotice? Rollout { get; init; }
}
