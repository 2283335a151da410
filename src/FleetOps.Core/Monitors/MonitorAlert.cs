using FleetOps.Core.Results;

namespace FleetOps.Core.Monitors;

/// <summary>What an alert says: down, still down (a reminder), or up again.</summary>
public enum AlertKind { Down, StillDown, Up }

/// <summary>
/// One alert about one target, as planned for delivery (or recorded as suppressed). <see cref="Id"/> is stable for
/// the change it reports (and for each reminder of it), so a re-planned alert is the same alert.
/// </summary>
public sealed record MonitorAlert
{
    public required string Id { get; init; }
    public required string Monitor { get; init; }
    public required string Target { get; init; }
    public string? Address { get; init; }
    public AlertKind Kind { get; init; }

    public MonitorState State { get; init; }
    public MonitorState Previous { get; init; }

    /// <summary>When the state changed (for a reminder: when the target went down).</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>For an up alert: when the target had gone down, so the alert can say for how long.</summary>
    public DateTimeOffset? DownSince { get; init; }

    /// <summary>The cycle of the change, and the cycle that planned this alert (later when it waited for a parent or a window).</summary>
    public long Cycle { get; init; }
    public long PlannedCycle { get; init; }
    public DateTimeOffset PlannedAt { get; init; }

    public string? FailingCheck { get; init; }
    public ErrorKind? ErrorKind { get; init; }
    public string? Error { get; init; }

    /// <summary>Planned inside a maintenance window: recorded, not sent.</summary>
    public bool Maintenance { get; init; }

    /// <summary>The parent (gateway) that was down: recorded, not sent.</summary>
    public string? SuppressedBy { get; init; }

    /// <summary>Targets that name this one as parent, and how many of them fail now.</summary>
    public int Dependents { get; init; }
    public int DependentsUnreachable { get; init; }

    /// <summary>0 for the change itself, n for the n-th reminder.</summary>
    public int Reminder { get; init; }

    /// <summary>Names the monitor/target pair across its changes (PagerDuty's dedup_key).</summary>
    public required string IncidentKey { get; init; }

    public bool Suppressed => Maintenance || SuppressedBy is not null;

    /// <summary>One line: "gw-1 down; 57 dependents unreachable", "web-3 still down (for 4h)", "web-3 up again after 12m".</summary>
    public string Title => Kind switch
    {
        AlertKind.Down => $"{Target} down" + (DependentsUnreachable > 0 ? $"; {Plural(DependentsUnreachable, "dependent")} unreachable" : ""),
        AlertKind.StillDown => $"{Target} still down (for {DurationField.Format(Round(PlannedAt - Since))})"
            + (DependentsUnreachable > 0 ? $"; {Plural(DependentsUnreachable, "dependent")} unreachable" : ""),
        _ => DownSince is { } down ? $"{Target} up again after {DurationField.Format(Round(Since - down))}" : $"{Target} up",
    };

    /// <summary>Why, when it failed: "http:/health: timeout: no answer within 2000 ms".</summary>
    public string? Detail => Kind == AlertKind.Up ? null
        : FailingCheck is null && Error is null ? null
        : string.Join(": ", new[] { FailingCheck, ErrorKind is { } k ? System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()) : null, Error }.Where(p => !string.IsNullOrEmpty(p)));

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Whole seconds: "4h", not "3h59m59s987ms".</summary>
    private static TimeSpan Round(TimeSpan t) => TimeSpan.FromSeconds(Math.Max(0, Math.Round(t.TotalSeconds)));
}
