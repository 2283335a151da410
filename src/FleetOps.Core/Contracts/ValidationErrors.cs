using System.Runtime.CompilerServices;

namespace FleetOps.Core.Contracts;

/// <summary>Anything errors can be added to: the handler asks it whether a message would be kept before building it.</summary>
public interface IErrorSink
{
    bool Keeping { get; }
}

/// <summary>
/// The problems found in one request. The first <see cref="MaxListed"/> are kept; the rest are only counted and
/// reported as one last entry. Messages written as interpolated strings are built only when they will be kept
/// (<see cref="ErrorMessage"/>), so a request that is wrong a million times (100 targets × 10,000 checks) costs a
/// count, not a million strings.
/// </summary>
public sealed class ValidationErrors : IErrorSink
{
    /// <summary>What a problem body and a poison record can show in full, so everything listed reaches the user.</summary>
    public const int MaxListed = 20;

    /// <summary>The most entries a list from here has: <see cref="MaxListed"/> plus the one that counts the rest.</summary>
    public const int MaxReported = MaxListed + 1;

    /// <summary>The field of the last entry when problems were left out: "errors: 999900 more problems are not listed".</summary>
    public const string MoreField = "errors";

    private readonly List<ValidationError> _kept = [];

    /// <summary>Every problem found, kept or not.</summary>
    public int Count { get; private set; }

    public bool Keeping => _kept.Count < MaxListed;

    public void Add(string field, string message)
    {
        // Another list's count of what it left out (a monitor passes on its sweep validator's errors): counted, not listed.
        if (field == MoreField && LeftOut(message) is { } more)
        {
            Count += more;
            return;
        }
        if (Keeping) _kept.Add(new ValidationError(field, message));
        Count++;
    }

    private const string MoreSuffix = " more problems are not listed";

    private static int? LeftOut(string message)
    {
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && message.AsSpan(space).StartsWith(MoreSuffix, StringComparison.Ordinal)
            && int.TryParse(message.AsSpan(0, space), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public void Add(string field, [InterpolatedStringHandlerArgument("")] ref ErrorMessage message)
    {
        if (message.Kept) _kept.Add(new ValidationError(field, message.ToStringAndClear()));
        Count++;
    }

    public void Add(ValidationError error) => Add(error.Field, error.Message);

    /// <summary>A problem whose message was not built because it would not be kept: counted only.</summary>
    public void Skip() => Count++;

    /// <summary>The kept problems, plus one entry counting the rest when there are more.</summary>
    public IReadOnlyList<ValidationError> ToList() =>
        Count == _kept.Count
            ? [.. _kept]
            : [.. _kept, new ValidationError(MoreField, $"{Count - _kept.Count}{MoreSuffix}: only the first {MaxListed} are")];
}

/// <summary>
/// An error message written as an interpolated string, formatted only when its sink will keep it: when the sink is
/// full, neither the text nor the values in its holes are evaluated.
/// </summary>
[InterpolatedStringHandler]
public ref struct ErrorMessage
{
    private DefaultInterpolatedStringHandler _text;

    public ErrorMessage(int literalLength, int formattedCount, IErrorSink sink, out bool keep)
    {
        keep = Kept = sink.Keeping;
        if (keep) _text = new DefaultInterpolatedStringHandler(literalLength, formattedCount);
    }

    public bool Kept { get; }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => Kept ? _text.ToStringAndClear() : "";
}
