using System.Globalization;

namespace FleetOps.Core.Monitors;

/// <summary>
/// A window an uptime query asks for (<c>1h</c>, <c>24h</c>, <c>7d</c>, <c>30d</c>, <c>365d</c>), and which stored
/// roll-ups cover it: whole UTC days as day roll-ups, the partial edges as hours. A 30-day window is then 30 or 31
/// day records and at most 47 hour records per target, not 720 hours.
/// </summary>
public sealed record UptimeWindow(string Name, TimeSpan Length)
{
    public static readonly IReadOnlyList<UptimeWindow> Known =
    [
        new("1h", TimeSpan.FromHours(1)), new("24h", TimeSpan.FromHours(24)), new("7d", TimeSpan.FromDays(7)),
        new("30d", TimeSpan.FromDays(30)), new("365d", TimeSpan.FromDays(365)),
    ];

    public static UptimeWindow? TryParse(string? name) => Known.FirstOrDefault(w => w.Name == name);

    public static string KnownNames => string.Join(", ", Known.Select(w => w.Name));

    /// <summary>
    /// The roll-ups to read for the window ending at <paramref name="now"/>: hours start at the hour that contains
    /// <c>now − Length</c> (so the window is whole hours, rounded out), whole days in between come as days, and the
    /// current hour (not flushed yet) is the caller's to add from state.
    /// </summary>
    public UptimeCover Cover(DateTimeOffset now)
    {
        var end = Floor(now.ToUniversalTime(), TimeSpan.FromHours(1));
        var start = Floor(now.ToUniversalTime() - Length, TimeSpan.FromHours(1));
        var hours = new List<DateTimeOffset>();
        var days = new List<DateTimeOffset>();
        var t = start;
        for (; t < end && t.Hour != 0; t = t.AddHours(1)) hours.Add(t);
        for (; t.AddDays(1) <= end; t = t.AddDays(1)) days.Add(t);
        for (; t < end; t = t.AddHours(1)) hours.Add(t);
        return new UptimeCover(start, days, hours);
    }

    public static string HourKey(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
    public static string DayKey(DateTimeOffset day) => day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The hour a time falls in (UTC): the roll-up it counts toward.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset time) => Floor(time.ToUniversalTime(), TimeSpan.FromHours(1));

    /// <summary>The start of <paramref name="time"/>'s UTC day.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset time) => Floor(time.ToUniversalTime(), TimeSpan.FromDays(1));

    private static DateTimeOffset Floor(DateTimeOffset t, TimeSpan unit) => new(t.UtcTicks - t.UtcTicks % unit.Ticks, TimeSpan.Zero);
}

/// <summary>The stored roll-ups that make a window: day roll-ups and hour roll-ups (UTC starts), from <see cref="Start"/>.</summary>
public sealed record UptimeCover(DateTimeOffset Start, IReadOnlyList<DateTimeOffset> Days, IReadOnlyList<DateTimeOffset> Hours);
