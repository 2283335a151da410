using System.Text.RegularExpressions;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Checks;

/// <summary>A tcp check's Expect: a substring, or a regular expression when written as <c>/pattern/</c>.</summary>
public sealed class ExpectMatcher
{
    public const int MaxLength = 1024;

    /// <summary>A pattern that backtracks badly gives up instead of holding a probe (and the validator) hostage.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly string? _text;
    private readonly Regex? _regex;

    private ExpectMatcher(string? text, Regex? regex) => (_text, _regex) = (text, regex);

    public static bool IsPattern(string expect) => expect.Length >= 2 && expect[0] == '/' && expect[^1] == '/';

    public static bool TryCreate(string expect, out ExpectMatcher? matcher, out string? error)
    {
        (matcher, error) = (null, null);
        if (!IsPattern(expect))
        {
            matcher = new ExpectMatcher(expect, null);
            return true;
        }
        var pattern = expect[1..^1];
        try
        {
            matcher = new ExpectMatcher(null, new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout));
            return true;
        }
        catch (ArgumentException e)
        {
            // .NET's message quotes the whole pattern: quote it cut, as every echoed value is.
            error = $"is not a valid regular expression: {e.Message.Replace($"'{pattern}'", Echo.Quote(pattern), StringComparison.Ordinal)}";
            return false;
        }
    }

    public static ExpectMatcher Create(string expect) =>
        TryCreate(expect, out var matcher, out var error) ? matcher! : throw new FormatException($"expect: {error}");

    public bool IsMatch(string received) =>
        _regex is not null ? _regex.IsMatch(received) : received.Contains(_text!, StringComparison.Ordinal);
}
