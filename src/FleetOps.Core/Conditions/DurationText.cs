using System.Globalization;
using System.Text;

namespace FleetOps.Core.Conditions;

/// <summary>
/// Durations as written in conditions: one or more number+unit pairs, units <c>d h m s ms</c>, e.g. <c>48h</c>,
/// <c>1h30m</c>, <c>2d</c>, <c>1.5s</c>, <c>-1h</c>. Go-style like Gatus, plus days because certificates are counted in days.
/// </summary>
internal static class DurationText
{
    // Beyond this many ticks a double no longer converts to a long safely; far past any useful duration anyway.
    private const double MaxTicks = 9.2e18;

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '-' or '+')
        {
            negative = text[i] == '-';
            i++;
        }
        if (i >= text.Length) return false;

        double ticks = 0;
        while (i < text.Length)
        {
            var numberStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                var fractionStart = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i == fractionStart) return false;
            }
            if (i == numberStart) return false;
            var number = double.Parse(text.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

            long unit;
            if (string.CompareOrdinal(text, i, "ms", 0, 2) == 0) { unit = TimeSpan.TicksPerMillisecond; i += 2; }
            else if (i < text.Length && text[i] == 'd') { unit = TimeSpan.TicksPerDay; i++; }
            else if (i < text.Length && text[i] == 'h') { unit = TimeSpan.TicksPerHour; i++; }
            else if (i < text.Length && text[i] == 'm') { unit = TimeSpan.TicksPerMinute; i++; }
            else if (i < text.Length && text[i] == 's') { unit = TimeSpan.TicksPerSecond; i++; }
            else return false; // a bare number is milliseconds, handled by the caller, not a duration

            ticks += number * unit;
            if (!(ticks < MaxTicks)) return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>Readable and compact, largest unit first, zero parts left out: <c>2d3h</c>, <c>47h59m</c> → <c>1d23h59m</c>, <c>1.5s</c> → <c>1s500ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        // TimeSpan.MinValue cannot be negated; it is 10 675 199 days either way.
        var ticks = duration.Ticks == long.MinValue ? long.MaxValue : Math.Abs(duration.Ticks);
        if (duration.Ticks < 0) sb.Append('-');
        Append(sb, ticks / TimeSpan.TicksPerDay, "d");
        Append(sb, ticks / TimeSpan.TicksPerHour % 24, "h");
        Append(sb, ticks / TimeSpan.TicksPerMinute % 60, "m");
        Append(sb, ticks / TimeSpan.TicksPerSecond % 60, "s");
        Append(sb, ticks / TimeSpan.TicksPerMillisecond % 1000, "ms");
        if (sb.Length == (duration.Ticks < 0 ? 1 : 0)) sb.Append("0ms"); // under a millisecond
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, long value, string unit)
    {
        if (value != 0) sb.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
    }
}
