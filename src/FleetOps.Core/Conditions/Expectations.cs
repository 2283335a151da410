namespace FleetOps.Core.Conditions;

/// <summary>A condition's right side: a literal, <c>pat(...)</c> or <c>any(...)</c>.</summary>
internal abstract class Expectation
{
    /// <summary>Whether <paramref name="left"/> <paramref name="op"/> this holds; Problem says why it could not be judged.</summary>
    public abstract (bool Ok, string? Problem) Test(in Value left, Operator op);
}

internal sealed class LiteralExpectation(Literal literal) : Expectation
{
    public override (bool Ok, string? Problem) Test(in Value left, Operator op) => op switch
    {
        Operator.Equal => (ValueComparison.AreEqual(left, literal), null),
        Operator.NotEqual => (!ValueComparison.AreEqual(left, literal), null),
        _ => ValueComparison.Order(left, op, literal),
    };
}

/// <summary><c>pat(glob)</c>, only with == and != (the parser sees to that).</summary>
internal sealed class PatternExpectation(Glob glob) : Expectation
{
    public override (bool Ok, string? Problem) Test(in Value left, Operator op) =>
        (ValueComparison.Matches(left, glob) == (op == Operator.Equal), null);
}

/// <summary><c>any(a, b, c)</c>: == holds when the left equals one of them, != when it equals none.</summary>
internal sealed class AnyExpectation(Literal[] options) : Expectation
{
    public override (bool Ok, string? Problem) Test(in Value left, Operator op)
    {
        var found = false;
        foreach (var option in options)
        {
            if (ValueComparison.AreEqual(left, option))
            {
                found = true;
                break;
            }
        }
        return (found == (op == Operator.Equal), null);
    }
}
