namespace FleetOps.Core.Conditions;

/// <summary>
/// A condition that cannot be parsed. Says which condition (<see cref="Index"/>), where (<see cref="Position"/>) and what
/// the parser wanted there (<see cref="Expected"/>). The message is meant for API users, e.g.
/// <c>condition 1 '[STATUS] = 200': at position 9: expected an operator (==, !=, &lt;, &lt;=, &gt;, &gt;=), found '='; did you mean '=='?</c>.
/// All numbers, in the properties and in the message, are 0-based, like the API's <c>conditions[1]</c>.
/// </summary>
public sealed class ConditionParseException : FormatException
{
    internal const string EndOfCondition = "the end of the condition";
    private const int MaxShownCondition = 200;

    internal ConditionParseException(int index, string condition, int position, string expected, string found, string? hint = null)
        : base(Format(index, condition, position, expected, found, hint))
    {
        Index = index;
        Position = position;
        Expected = expected;
    }

    /// <summary>Which condition in the list, 0-based.</summary>
    public int Index { get; }

    /// <summary>0-based character offset in that condition where the problem is.</summary>
    public int Position { get; }

    /// <summary>What the parser expected at <see cref="Position"/>, e.g. <c>an operator (==, !=, &lt;, &lt;=, &gt;, &gt;=)</c>, <c>']'</c>, <c>a value</c>.</summary>
    public string Expected { get; }

    private static string Format(int index, string condition, int position, string expected, string found, string? hint)
    {
        var shown = condition.Length <= MaxShownCondition ? condition : condition[..(MaxShownCondition - 1)] + "…";
        var message = $"condition {index} '{shown}': at position {position}: expected {expected}, found {found}";
        return hint is null ? message : $"{message}; {hint}";
    }
}
