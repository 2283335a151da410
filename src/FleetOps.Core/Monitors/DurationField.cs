using FleetOps.Core.Contracts;
using FleetOps.Core.Conditions;

namespace FleetOps.Core.Monitors;

/// <summary>
/// A duration a user writes in a definition (<c>30s</c>, <c>4h</c>, <c>1h30m</c>, <c>2d</c>): the condition language's
/// <see cref="DurationText"/>, kept positive and within bounds, with the field named when it is not.
/// </summary>
public static class DurationField
{
    public const int MaxLength = 64;

    /// <summary>The duration, or null after reporting why <paramref name="text"/> is not one within [min, max].</summary>
    public static TimeSpan? Parse(string? text, string field, TimeSpan min, TimeSpan max, Action<string, string> fail)
    {
        if (text is null) return null;
        if (text.Length > MaxLength) { fail(field, $"is {text.Length} characters, more than {MaxLength}"); return null; }
        if (!DurationText.TryParse(text.Trim(), out var value) || text.TrimStart().StartsWith('-') || text.TrimStart().StartsWith('+'))
        {
            fail(field, $"{Echo.Quote(text)} is not a duration: a number and a unit (d, h, m, s, ms), e.g. 30s, 5m, 1h30m");
            return null;
        }
        if (value < min || value > max)
        {
            fail(field, $"{Echo.Quote(text)} is out of range {DurationText.Format(min)}-{DurationText.Format(max)}");
            return null;
        }
        return value;
    }

    /// <summary>For text already validated: its value.</summary>
    public static TimeSpan Of(string text) =>
        DurationText.TryParse(text.Trim(), out var value) ? value : throw new FormatException($"{Echo.Quote(text)} is not a duration");

    public static string Format(TimeSpan value) => DurationText.Format(value);
}
