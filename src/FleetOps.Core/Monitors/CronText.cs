using FleetOps.Core.Contracts;
using Cronos;

namespace FleetOps.Core.Monitors;

/// <summary>
/// Cron expressions for schedules and maintenance windows (Cronos): 5 fields (<c>minute hour day month weekday</c>)
/// or 6 with seconds first, and the macros Cronos knows (<c>@daily</c>, <c>@hourly</c>...).
/// </summary>
public static class CronText
{
    public const int MaxLength = 256;

    /// <summary>The parsed expression, or null with the reason in <paramref name="error"/>.</summary>
    public static CronExpression? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = "is empty: give a cron expression such as \"*/5 * * * *\""; return null; }
        if (text.Length > MaxLength) { error = $"is {text.Length} characters, more than {MaxLength}"; return null; }
        var trimmed = text.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!trimmed.StartsWith('@') && fields is not (5 or 6))
        {
            error = $"{Echo.Quote(text)} has {fields} fields: a cron expression has 5 (minute hour day month weekday) or 6 (seconds first)";
            return null;
        }
        try
        {
            return CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            error = $"{Echo.Quote(text)} is not a cron expression: {Echo.Cut(e.Message, RequestReader.MaxMessageChars)}";
            return null;
        }
    }

    public static CronExpression Parse(string text) =>
        TryParse(text, out var error) ?? throw new FormatException(error);

    /// <summary>
    /// The shortest gap between two runs within a minute, wrap-around included: the seconds a 6-field expression
    /// fires at are the same in every minute it fires, so one minute's occurrences tell (at most 60 of them).
    /// Null when the expression never fires within a search of four years (e.g. 30 February).
    /// </summary>
    public static TimeSpan? ShortestGap(CronExpression cron)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        if (cron.GetNextOccurrence(start, inclusive: true) is not { } first || first > start.AddYears(4)) return null;
        var minute = new DateTime(first.Year, first.Month, first.Day, first.Hour, first.Minute, 0, DateTimeKind.Utc);
        var seconds = cron.GetOccurrences(minute, minute.AddMinutes(1), fromInclusive: true, toInclusive: false).Select(t => t.Second).ToList();
        if (seconds.Count <= 1) return TimeSpan.FromMinutes(1);
        var gap = 60 - seconds[^1] + seconds[0];
        for (var i = 1; i < seconds.Count; i++) gap = Math.Min(gap, seconds[i] - seconds[i - 1]);
        return TimeSpan.FromSeconds(gap);
    }
}
