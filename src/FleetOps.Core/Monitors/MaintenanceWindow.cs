using FleetOps.Core.Contracts;
using Cronos;

namespace FleetOps.Core.Monitors;

/// <summary>
/// A time during which a monitor's cycles still run and states still change, but no alert is sent and (by default)
/// uptime leaves the cycles out. Recurring (starts at each cron occurrence in the monitor's time zone and lasts
/// <see cref="Duration"/>) or one-off (<c>[from, until)</c>).
/// </summary>
public sealed class MaintenanceWindow
{
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;
    private readonly DateTimeOffset _from, _until;

    private MaintenanceWindow(CronExpression? cron, TimeZoneInfo zone, TimeSpan duration, DateTimeOffset from, DateTimeOffset until)
    {
        _cron = cron;
        _zone = zone;
        Duration = duration;
        _from = from;
        _until = until;
    }

    public TimeSpan Duration { get; }

    public static MaintenanceWindow Recurring(CronExpression cron, TimeSpan duration, TimeZoneInfo zone) =>
        duration > TimeSpan.Zero ? new(cron, zone, duration, default, default) : throw new ArgumentOutOfRangeException(nameof(duration));

    public static MaintenanceWindow Once(DateTimeOffset from, DateTimeOffset until) =>
        until > from ? new(null, TimeZoneInfo.Utc, until - from, from, until) : throw new ArgumentOutOfRangeException(nameof(until));

    /// <summary>A validated spec as a window.</summary>
    public static MaintenanceWindow From(MaintenanceWindowSpec spec, TimeZoneInfo zone) =>
        spec.Cron is { } cron
            ? Recurring(CronText.Parse(cron), DurationField.Of(spec.Duration!), zone)
            : Once(MaintenanceTimes.Parse(spec.From!), MaintenanceTimes.Parse(spec.Until!));

    /// <summary>A window that contains <paramref name="time"/> (start inclusive, end exclusive), if any.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? Containing(DateTimeOffset time)
    {
        if (_cron is null) return time >= _from && time < _until ? (_from, _until) : null;
        // Any start in (time - Duration, time] covers `time`; the earliest is one look-up, however often the cron fires.
        return _cron.GetNextOccurrence(time - Duration, _zone, inclusive: false) is { } start && start <= time
            ? (start, start + Duration)
            : null;
    }

    public bool Contains(DateTimeOffset time) => Containing(time) is not null;

    /// <summary>The start of the next window after <paramref name="time"/> (exclusive); null if there is none.</summary>
    public DateTimeOffset? NextStart(DateTimeOffset time) =>
        _cron is null ? (_from > time ? _from : null) : _cron.GetNextOccurrence(time, _zone, inclusive: false);

    /// <summary>
    /// When the maintenance that covers <paramref name="time"/> ends (null when outside), following windows that
    /// start before the previous one ends (every hour, lasting 2 h). After <see cref="MaxChain"/> such windows the
    /// end found so far is returned: the caller asks again then.
    /// </summary>
    public DateTimeOffset? EndOf(DateTimeOffset time)
    {
        if (Containing(time) is not { } window) return null;
        var end = window.End;
        if (_cron is null) return end;
        var start = window.Start;
        for (var i = 0; i < MaxChain && _cron.GetNextOccurrence(start, _zone, inclusive: false) is { } next && next < end; i++)
        {
            start = next;
            if (next + Duration > end) end = next + Duration;
        }
        return end;
    }

    /// <summary>Overlapping windows <see cref="EndOf"/> follows at most.</summary>
    public const int MaxChain = 1_000;
}

/// <summary>Times in one-off windows: ISO 8601 with an explicit offset or Z, so no one guesses a time zone.</summary>
public static class MaintenanceTimes
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 20) return false;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-' && text[^3] == ':';
        return hasOffset && text[10] is 'T' or 't'
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out value);
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"{Echo.Quote(text)} is not an ISO 8601 time with an offset");
}
