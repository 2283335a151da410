namespace FleetOps.Core.Conditions;

/// <summary>
/// The phrases a parse error puts in <see cref="ConditionParseException.Expected"/>. One place, so the API's wording
/// stays consistent and tests can pin it.
/// </summary>
internal static class Expected
{
    public const string Condition = "a condition, e.g. [STATUS] == 200";
    public const string LeftSide = "a placeholder such as [STATUS], or len(...) / has(...)";
    public const string Operator = "an operator (==, !=, <, <=, >, >=)";
    public const string EqualityOperator = "an equality operator (== or !=)";
    public const string Value = "a value";
    public const string Pattern = "a pattern, e.g. pat(*UP*)";
    public const string CloseBracket = "']'";
    public const string CloseParen = "')'";
    public const string CommaOrCloseParen = "',' or ')'";
    public const string ClosingQuote = "a closing '\"'";
    public const string End = "the end of the condition";
    public const string FieldName = "a field name after '.'";
    public const string ArrayIndex = "an array index (0, 1, 2, ...) or a quoted field name";
    public const string HeaderName = "'.' and a header name, e.g. [HEADERS].Content-Type";
    public const string FunctionArgument = "a placeholder, e.g. len([BODY].data)";
    public const string LeftFunction = "a function on the left side: len(...) or has(...)";
    public const string RightFunction = "a function on the right side: pat(...) or any(...)";

    public const string Bool = "true or false";
    public const string Number = "a number";
    public const string Milliseconds = "a number of milliseconds or a duration (e.g. 300, 500ms, 2s)";
    public const string Duration = "a duration (e.g. 48h, 30m, 1h30m, 2d) or a number of milliseconds";
    public const string Orderable = "a number or a duration (only numbers and durations can be ordered)";

    public static string KnownPlaceholder { get; } =
        "a known placeholder (" + string.Join(", ", Placeholders.Names.Select(n => "[" + n + "]")) + ")";
}
