namespace FleetOps.Core.Monitors;

/// <summary>All of a monitor's maintenance windows: is a time inside one, and when does the next start or the current end.</summary>
public sealed class MaintenanceSchedule(IReadOnlyList<MaintenanceWindow> windows)
{
    public static MaintenanceSchedule None { get; } = new([]);

    public IReadOnlyList<MaintenanceWindow> Windows { get; } = windows;

    public static MaintenanceSchedule For(MonitorDefinition definition)
    {
        if (definition.Maintenance is not { Count: > 0 } specs) return None;
        var zone = TimeZones.Find(definition.TimeZone);
        return new(specs.Select(s => MaintenanceWindow.From(s, zone)).ToList());
    }

    public bool Contains(DateTimeOffset time) => Windows.Any(w => w.Contains(time));

    /// <summary>The earliest start of any window after <paramref name="time"/>.</summary>
    public DateTimeOffset? NextStart(DateTimeOffset time) =>
        Windows.Select(w => w.NextStart(time)).Where(t => t is not null).Min();

    /// <summary>When maintenance covering <paramref name="time"/> ends, windows that overlap each other followed (null when outside).</summary>
    public DateTimeOffset? EndOf(DateTimeOffset time)
    {
        DateTimeOffset? end = null;
        // Another window may cover the end of this one (windows are end-exclusive): follow them, boundedly.
        var probe = time;
        for (var i = 0; i < 2 * MonitorLimits.MaxMaintenanceWindows; i++)
        {
            var covering = Windows.Select(w => w.EndOf(probe)).Where(t => t is not null).Max();
            if (covering is null) break;
            end = probe = covering.Value;
        }
        return end;
    }
}
