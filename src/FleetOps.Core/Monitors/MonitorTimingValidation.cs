using FleetOps.Core.Contracts;
namespace FleetOps.Core.Monitors;

/// <summary>A monitor's timing: interval or cron, maintenance windows, heartbeat period and grace.</summary>
internal static class MonitorTimingValidation
{
    /// <summary>One-off maintenance longer than this is a paused monitor, not maintenance.</summary>
    private static readonly TimeSpan MaxOneOffWindow = TimeSpan.FromDays(366);

    public static void ValidateSchedule(MonitorDefinition definition, MonitorRules rules, Action<string, string> fail)
    {
        if (definition.Interval is null && definition.Schedule is null) { fail("interval", "give how often to check: `interval` (e.g. \"30s\") or a cron `schedule`"); return; }
        if (definition.Interval is not null && definition.Schedule is not null) { fail("schedule", "give only one of `interval` and `schedule`"); return; }
        DurationField.Parse(definition.Interval, "interval", rules.MinInterval, MonitorLimits.MaxInterval, fail);
        if (definition.Schedule is { } schedule) ValidateCron(schedule, "schedule", fail, minGap: rules.MinInterval);
    }

    public static void ValidateHeartbeat(MonitorDefinition definition, HeartbeatSpec heartbeat, MonitorRules rules, Action<string, string> fail)
    {
        // Everything that describes probing has no meaning for a monitor that only waits for beats.
        (string Field, object? Value)[] probing =
        [
            ("targets", definition.Targets), ("inventory", definition.Inventory), ("inventoryInline", definition.InventoryInline),
            ("selector", definition.Selector), ("checks", definition.Checks), ("options", definition.Options),
            ("interval", definition.Interval), ("schedule", definition.Schedule), ("parentLabel", definition.ParentLabel),
            ("failureThreshold", definition.FailureThreshold), ("successThreshold", definition.SuccessThreshold),
        ];
        foreach (var (field, value) in probing)
            if (value is not null) fail(field, "not used by a heartbeat monitor: it turns down when period + grace pass without a beat, and up on the next beat");

        if (heartbeat.Period is null) fail("heartbeat.period", "is required: how often a beat is due, e.g. \"5m\"");
        DurationField.Parse(heartbeat.Period, "heartbeat.period", rules.MinHeartbeatPeriod, MonitorLimits.MaxHeartbeatPeriod, fail);
        DurationField.Parse(heartbeat.Grace, "heartbeat.grace", TimeSpan.Zero, MonitorLimits.MaxHeartbeatGrace, fail);
    }

    public static void ValidateMaintenance(List<MaintenanceWindowSpec>? windows, Action<string, string> fail)
    {
        if (windows is null) return;
        if (windows.Count > MonitorLimits.MaxMaintenanceWindows) { fail("maintenance", $"{windows.Count} windows is more than {MonitorLimits.MaxMaintenanceWindows}"); return; }
        for (var i = 0; i < windows.Count; i++)
        {
            var path = $"maintenance[{i}]";
            if (windows[i] is not { } window) { fail(path, "must be an object"); continue; }
            var recurring = window.Cron is not null || window.Duration is not null;
            var once = window.From is not null || window.Until is not null;
            if (recurring == once)
            {
                fail(path, recurring ? "give either `cron` + `duration` or `from` + `until`, not both" : "give `cron` + `duration` (recurring) or `from` + `until` (once)");
                continue;
            }
            if (recurring)
            {
                if (window.Cron is null) fail($"{path}.cron", "is required with `duration`: when each window starts, e.g. \"0 2 * * SUN\"");
                else ValidateCron(window.Cron, $"{path}.cron", fail, minGap: null);
                if (window.Duration is null) fail($"{path}.duration", "is required with `cron`: how long each window lasts, e.g. \"2h\"");
                else DurationField.Parse(window.Duration, $"{path}.duration", TimeSpan.FromSeconds(1), MonitorLimits.MaxMaintenanceDuration, fail);
                continue;
            }
            var from = Time(window.From, $"{path}.from", fail);
            var until = Time(window.Until, $"{path}.until", fail);
            if (from is { } f && until is { } u)
            {
                if (u <= f) fail($"{path}.until", $"{Echo.Quote(window.Until)} is not after `from` ({Echo.Quote(window.From)})");
                else if (u - f > MaxOneOffWindow) fail($"{path}.until", $"the window is longer than {MaxOneOffWindow.TotalDays:0} days: pause the monitor instead");
            }
        }
    }

    private static DateTimeOffset? Time(string? text, string field, Action<string, string> fail)
    {
        if (text is null) { fail(field, "is required: an ISO 8601 time with an offset, e.g. \"2026-12-01T22:00:00Z\""); return null; }
        if (MaintenanceTimes.TryParse(text, out var value)) return value;
        fail(field, $"{Echo.Quote(text)} is not an ISO 8601 time with an offset or Z, e.g. \"2026-12-01T22:00:00Z\"");
        return null;
    }

    private static void ValidateCron(string text, string field, Action<string, string> fail, TimeSpan? minGap)
    {
        if (CronText.TryParse(text, out var error) is not { } cron) { fail(field, error!); return; }
        var gap = CronText.ShortestGap(cron);
        if (gap is null) fail(field, $"{Echo.Quote(text)} never fires");
        else if (minGap is { } min && gap < min)
            fail(field, $"{Echo.Quote(text)} fires {gap.Value.TotalSeconds:0} s apart: at least {min.TotalSeconds:0} s between cycles");
    }
}
