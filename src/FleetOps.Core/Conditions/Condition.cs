using FleetOps.Core.Results;

namespace FleetOps.Core.Conditions;

/// <summary>One parsed condition, <c>left op right</c>, ready to judge any number of attempts.</summary>
internal sealed class Condition(string text, Operand left, Operator op, Expectation right)
{
    public const int MaxActualChars = 200;

    public string Text => text;

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var value = left.Resolve(context);
        if (value.IsMissing) return new ConditionResult(text, false, Truncate(value.Text ?? "(missing)"));

        var (ok, problem) = right.Test(value, op);
        var actual = problem is null ? Truncate(value.Display) : WithProblem(value.Display, problem);
        return new ConditionResult(text, ok, actual);
    }

    public static string Truncate(string s, int max = MaxActualChars) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>"DOWN (text, not a number)": the value is cut first to leave room for the explanation.</summary>
    private static string WithProblem(string display, string problem)
    {
        var suffix = $" ({problem})";
        return Truncate(Truncate(display, Math.Max(1, MaxActualChars - suffix.Length)) + suffix);
    }
}
