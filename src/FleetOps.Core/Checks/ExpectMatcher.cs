using System.Text.RegularExpressions;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Checks;

/// <summary>
/// A tcp check's Expect: a substring, or a regular expression when written as <c>/pattern/</c>. Patterns run on .NET's
/// non-backtracking engine: a pass over the text costs time linear in it, whatever the pattern (no catastrophic
/// backtracking). The answer is matched as it arrives through an <see cref="ExpectScan"/>.
/// </summary>
public sealed class ExpectMatcher
{
    public const int MaxLength = 1024;

    /// <summary>A guard only: a linear pass over <c>ProbeFacts.MaxBodyChars</c> takes milliseconds.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private ExpectMatcher(string? text, Regex? regex) => (Text, Pattern) = (text, regex);

    /// <summary>The substring to find, or null for a pattern.</summary>
    public string? Text { get; }

    /// <summary>The pattern, or null for a substring.</summary>
    public Regex? Pattern { get; }

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
            matcher = new ExpectMatcher(null, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout));
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"is not a valid regular expression: {QuotedCut(e.Message, pattern)}";
            return false;
        }
        catch (NotSupportedException e)
        {
            // Backreferences, lookarounds, atomic groups and conditionals need backtracking, which a peer's answer could
            // make take exponential time.
            error = $"uses what only a backtracking engine can match (patterns are matched in linear time): {QuotedCut(e.Message, pattern)}";
            return false;
        }
    }

    public static ExpectMatcher Create(string expect) =>
        TryCreate(expect, out var matcher, out var error) ? matcher! : throw new FormatException($"expect: {error}");

    public bool IsMatch(ReadOnlySpan<char> received) =>
        Pattern is not null ? Pattern.IsMatch(received) : received.IndexOf(Text, StringComparison.Ordinal) >= 0;

    /// <summary>.NET's message quotes the whole pattern: quote it cut, as every echoed value is.</summary>
    private static string QuotedCut(string message, string pattern) =>
        message.Replace($"'{pattern}'", Echo.Quote(pattern), StringComparison.Ordinal);
}
