using Cronos;

namespace FleetOps.Core.Monitors;

/// <summary>
/// When a monitor's cycles are due: every <see cref="Interval"/> from the first, or at each cron occurrence in a
/// time zone (daylight-saving gaps and overlaps as Cronos handles them: a skipped time runs once at the gap's end, a
/// repeated one once). Dues are anchored to the previous due, not to when a cycle happened to start, so early or
/// late timers do not drift the schedule.
/// </summary>
public sealed class MonitorSchedule
{
    /// <summary>How many missed cron occurrences an overrun looks through before it stops counting (bounds the cost).</summary>
    private const int MaxSkipScan = 10_000;

    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;

    private MonitorSchedule(TimeSpan? interval, CronExpression? cron, TimeZoneInfo zone)
    {
        Interval = interval;
        _cron = cron;
        _zone = zone;
    }

    /// <summary>Set for interval schedules; null for cron.</summary>
    public TimeSpan? Interval { get; }

    public static MonitorSchedule Every(TimeSpan interval) =>
        interval > TimeSpan.Zero ? new(interval, null, TimeZoneInfo.Utc) : throw new ArgumentOutOfRangeException(nameof(interval));

    public static MonitorSchedule Cron(CronExpression cron, TimeZoneInfo zone) => new(null, cron, zone);

    /// <summary>The schedule of a validated definition; a heartbeat monitor looks every period / 4 (10 s to 5 min).</summary>
    public static MonitorSchedule For(MonitorDefinition definition, MonitorRules? rules = null)
    {
        if (definition.Heartbeat?.Period is { } period)
        {
            var quarter = DurationField.Of(period) / 4;
            var floor = (rules ?? MonitorRules.Default).MinInterval;
            return Every(TimeSpan.FromTicks(Math.Clamp(quarter.Ticks, Math.Min(floor.Ticks, MonitorLimits.MinInterval.Ticks), TimeSpan.FromMinutes(5).Ticks)));
        }
        if (definition.Interval is { } interval) return Every(DurationField.Of(interval));
        return Cron(CronText.Parse(definition.Schedule!), TimeZones.Find(definition.TimeZone));
    }

    /// <summary>The first cycle of a new (or resumed) monitor: at once for an interval, the next occurrence for cron.</summary>
    public DateTimeOffset FirstDue(DateTimeOffset now) =>
        _cron is null ? now : NextOccurrence(now, inclusive: true) ?? DateTimeOffset.MaxValue;

    /// <summary>
    /// The cycle after the one due at <paramref name="previousDue"/>, given that it finished at <paramref name="finishedAt"/>.
    /// When the next due time has already passed (the cycle overran), the next cycle starts at once: it takes the
    /// latest due time that has passed (missed ones are skipped and counted, never queued up), and is recorded late.
    /// Cycles never overlap: the next one cannot start before this one finished.
    /// </summary>
    public NextCycle Next(DateTimeOffset previousDue, DateTimeOffset finishedAt)
    {
        var due = After(previousDue);
        if (due > finishedAt) return new NextCycle(due, due, 0);

        var skipped = 0;
        if (Interval is { } interval)
        {
            var behind = (finishedAt - due).Ticks / interval.Ticks;
            skipped = (int)Math.Min(behind, int.MaxValue);
            due += interval * behind;
        }
        else
        {
            for (var later = After(due); later <= finishedAt && skipped < MaxSkipScan; later = After(due))
            {
                due = later;
                skipped++;
            }
        }
        return new NextCycle(due, finishedAt, skipped);
    }

    /// <summary>How late a cycle started: start − due, never negative (timers may fire a little early).</summary>
    public static TimeSpan Lateness(DateTimeOffset due, DateTimeOffset started) =>
        started > due ? started - due : TimeSpan.Zero;

    private DateTimeOffset After(DateTimeOffset due) =>
        Interval is { } interval ? due + interval : NextOccurrence(due, inclusive: false) ?? DateTimeOffset.MaxValue;

    private DateTimeOffset? NextOccurrence(DateTimeOffset from, bool inclusive) =>
        _cron!.GetNextOccurrence(from, _zone, inclusive);
}

/// <summary>The next cycle: the due time it stands for, when to start it (at once if already due), and the due times skipped.</summary>
public sealed record NextCycle(DateTimeOffset Due, DateTimeOffset StartAt, int Skipped);
