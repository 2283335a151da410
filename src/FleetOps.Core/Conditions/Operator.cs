namespace FleetOps.Core.Conditions;

internal enum Operator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

internal static class Operators
{
    /// <summary>Only called with what the lexer produced as an operator token, so every case is covered.</summary>
    public static Operator Parse(string text) => text switch
    {
        "==" => Operator.Equal,
        "!=" => Operator.NotEqual,
        "<" => Operator.Less,
        "<=" => Operator.LessOrEqual,
        ">" => Operator.Greater,
        _ => Operator.GreaterOrEqual,
    };

    public static bool IsOrdering(this Operator op) => op is not (Operator.Equal or Operator.NotEqual);

    /// <summary>Plain operators rather than CompareTo, so a NaN response time fails every comparison instead of ordering below all.</summary>
    public static bool Holds(this Operator op, double left, double right) => op switch
    {
        Operator.Less => left < right,
        Operator.LessOrEqual => left <= right,
        Operator.Greater => left > right,
        Operator.GreaterOrEqual => left >= right,
        Operator.Equal => left == right,
        _ => left != right,
    };

    public static bool Holds(this Operator op, TimeSpan left, TimeSpan right) => op switch
    {
        Operator.Less => left < right,
        Operator.LessOrEqual => left <= right,
        Operator.Greater => left > right,
        Operator.GreaterOrEqual => left >= right,
        Operator.Equal => left == right,
        _ => left != right,
    };
}
