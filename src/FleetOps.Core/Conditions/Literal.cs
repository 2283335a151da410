using System.Globalization;

namespace FleetOps.Core.Conditions;

/// <summary>
/// A value on the right side, read every way it could be meant, once at parse time: the left side's type picks the
/// reading at evaluation. Quotes only matter to the lexer (spaces, operator characters); <c>"200"</c> and <c>200</c> are the same literal.
/// </summary>
internal sealed class Literal
{
    public Literal(string text)
    {
        Text = text;
        Number = TryParseNumber(text);
        Bool = text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
            : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
            : null;
        Duration = DurationText.TryParse(text, out var d) ? d : null;
    }

    public string Text { get; }
    public double? Number { get; }
    public bool? Bool { get; }
    public TimeSpan? Duration { get; }

    /// <summary>Milliseconds, for comparing with [RESPONSE_TIME] or a JSON number (Gatus counts durations in ms).</summary>
    public double? Milliseconds => Number ?? Duration?.TotalMilliseconds;

    /// <summary>A duration, for comparing with [CERTIFICATE_EXPIRATION]; a bare number counts milliseconds, as in Gatus.</summary>
    public TimeSpan? AsDuration => Duration ?? (Number is { } ms && Math.Abs(ms) < TimeSpan.MaxValue.TotalMilliseconds / 2
        ? TimeSpan.FromMilliseconds(ms)
        : null);

    public bool Fits(OperandType type) => type switch
    {
        OperandType.Bool => Bool is not null,
        OperandType.Number => Number is not null,
        OperandType.Milliseconds => Milliseconds is not null,
        OperandType.Duration => AsDuration is not null,
        _ => true,
    };

    /// <summary>
    /// Plain decimal numbers only: <c>-12</c>, <c>0.5</c>. Not <c>1e3</c>, <c>NaN</c>, <c>Infinity</c> or <c>1,000</c>,
    /// which double.TryParse would take but a reader would not expect to be numbers.
    /// </summary>
    private static double? TryParseNumber(string text)
    {
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++) digits++;
        if (digits == 0) return null;
        if (i < text.Length && text[i] == '.')
        {
            var fraction = 0;
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++) fraction++;
            if (fraction == 0) return null;
        }
        if (i != text.Length) return null;
        var value = double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : null;
    }
}
