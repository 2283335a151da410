using FleetOps.Core.Contracts;
using System.Globalization;
using FleetOps.Core.Monitors;

namespace FleetOps.Core.Notifiers;

/// <summary>A monitor alert as a notification: down and still-down fire (critical), up resolves.</summary>
public static class MonitorNotifications
{
    public const string AlertName = "FleetOpsTargetDown";

    public static Notification Of(MonitorAlert alert, string? link = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Monitor", alert.Monitor),
            new("Target", alert.Address is { } address ? $"{alert.Target} ({address})" : alert.Target),
            new("State", $"{AlertIds.Name(alert.Previous)} → {AlertIds.Name(alert.State)}"),
            new("Since", alert.Since.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
        };
        if (alert.FailingCheck is { } check) facts.Add(new("Failing check", check));
        if (alert.ErrorKind is { } kind) facts.Add(new("Error", System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString())));
        if (alert.Dependents > 0) facts.Add(new("Dependents unreachable", $"{alert.DependentsUnreachable} of {alert.Dependents}"));
        if (alert.Reminder > 0) facts.Add(new("Reminder", alert.Reminder.ToString(CultureInfo.InvariantCulture)));

        var up = alert.Kind == AlertKind.Up;
        return new Notification
        {
            Id = alert.Id,
            IncidentKey = alert.IncidentKey,
            Event = "monitor." + System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(alert.Kind.ToString()),
            Status = up ? NotificationStatus.Resolved : NotificationStatus.Firing,
            Severity = up ? NotificationSeverity.Info : NotificationSeverity.Critical,
            Title = alert.Title,
            Detail = alert.Detail,
            Source = alert.Address ?? alert.Target,
            StartsAt = up ? alert.DownSince ?? alert.Since : alert.Since,
            At = up ? alert.Since : alert.PlannedAt,
            Facts = facts,
            Labels = new Dictionary<string, string> { ["alertname"] = AlertName, ["monitor"] = alert.Monitor, ["target"] = alert.Target },
            Link = link,
            Alert = alert,
        };
    }

    /// <summary>What <c>POST /api/notifiers/{name}/test</c> sends: clearly a test, resolved at once where a receiver tracks incidents.</summary>
    public static Notification Test(string notifier, DateTimeOffset now) => new()
    {
        Id = "test-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        IncidentKey = $"fleetops/test/{notifier}",
        Event = "test",
        Status = NotificationStatus.Resolved,
        Severity = NotificationSeverity.Info,
        Title = $"FleetOps test notification for {Echo.Quote(notifier)}",
        Detail = "If you can read this, the notifier works.",
        Source = "fleetops",
        StartsAt = now,
        At = now,
        Facts = [new("Notifier", notifier)],
        Labels = new Dictionary<string, string> { ["alertname"] = "FleetOpsTest", ["notifier"] = notifier },
    };
}
