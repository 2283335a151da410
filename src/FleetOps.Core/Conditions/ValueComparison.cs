namespace FleetOps.Core.Conditions;

/// <summary>
/// How a resolved left side meets a right-side literal. The left side's type decides how the literal is read:
/// numbers numerically, durations as durations, booleans as true/false, text exactly (ignoring case for
/// [DNS_RCODE] and [TLS_VERSION]). Equality falls back to comparing text when the literal cannot be read as the
/// left's type (a JSON string "1" equals <c>1</c>), ordering never does: text is not ordered.
/// </summary>
internal static class ValueComparison
{
    public static bool AreEqual(in Value left, Literal literal) => left.Kind switch
    {
        ValueKind.Bool when literal.Bool is { } b => left.AsBool == b,
        ValueKind.Number when literal.Milliseconds is { } n => left.Number == n,
        ValueKind.Milliseconds => literal.Milliseconds is { } ms && left.Number == ms,
        ValueKind.Duration => literal.AsDuration is { } d && left.Duration == d,
        ValueKind.List => AnyItemEquals(left, literal.Text),
        _ => string.Equals(left.Scalar, literal.Text, left.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
    };

    /// <summary>An ordering (&lt;, &lt;=, &gt;, &gt;=): true/false, or why the left side cannot be ordered.</summary>
    public static (bool Ok, string? Problem) Order(in Value left, Operator op, Literal literal) => left.Kind switch
    {
        ValueKind.Number or ValueKind.Milliseconds when literal.Milliseconds is { } ms => (op.Holds(left.Number, ms), null),
        ValueKind.Duration when literal.AsDuration is { } d => (op.Holds(left.Duration, d), null),
        ValueKind.Text => (false, "text, not a number"),
        ValueKind.Bool => (false, "a boolean, not a number"),
        ValueKind.Null => (false, "null, not a number"),
        ValueKind.Json => (false, "JSON " + (left.Json.ValueKind == System.Text.Json.JsonValueKind.Array ? "array" : "object") + ", not a number"),
        ValueKind.List => (false, "a list, not a number"),
        // The parser only lets numbers and durations reach an ordering, so this is a literal the type cannot read.
        _ => (false, $"cannot be compared with {Contracts.Echo.Quote(literal.Text)}"),
    };

    public static bool Matches(in Value left, Glob glob)
    {
        if (left.Kind != ValueKind.List) return glob.IsMatch(left.Scalar, left.IgnoreCase);
        foreach (var item in left.List!)
        {
            if (glob.IsMatch(item, ignoreCase: false)) return true;
        }
        return false;
    }

    private static bool AnyItemEquals(in Value left, string text)
    {
        foreach (var item in left.List!)
        {
            if (string.Equals(item, text, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
