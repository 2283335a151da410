using FleetOps.Core.Results;

namespace FleetOps.Core.Conditions;

/// <summary>
/// A check's conditions (Gatus-style, e.g. <c>[STATUS] == 200</c>, <c>[BODY].status == UP</c>,
/// <c>[CERTIFICATE_EXPIRATION] &gt; 48h</c>), parsed once and evaluated against each attempt's <see cref="ProbeFacts"/>.
/// Immutable and thread-safe: one set can judge many targets at once.
/// </summary>
public sealed class ConditionSet
{
    private readonly Condition[] _conditions;

    private ConditionSet(Condition[] conditions, IReadOnlyList<string> texts)
    {
        _conditions = conditions;
        Conditions = texts;
    }

    public static ConditionSet Empty { get; } = new([], []);

    /// <summary>The conditions as given (a null entry would not have parsed).</summary>
    public IReadOnlyList<string> Conditions { get; }

    /// <summary>Parses every condition; throws <see cref="ConditionParseException"/> for the first one that is wrong.</summary>
    public static ConditionSet Parse(IReadOnlyList<string> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.Count == 0) return Empty;

        var parsed = new Condition[conditions.Count];
        for (var i = 0; i < parsed.Length; i++) parsed[i] = Parser.Parse(conditions[i], i);
        return new ConditionSet(parsed, Array.AsReadOnly(parsed.Select(c => c.Text).ToArray()));
    }

    public static bool TryParse(IReadOnlyList<string> conditions, out ConditionSet? set, out ConditionParseException? error)
    {
        try
        {
            set = Parse(conditions);
            error = null;
            return true;
        }
        catch (ConditionParseException e)
        {
            set = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// One result per condition, in order. Never throws: a fact that is missing, a body that is not JSON or a value
    /// of the wrong type makes that condition false, with <see cref="ConditionResult.Actual"/> saying why.
    /// </summary>
    public IReadOnlyList<ConditionResult> Evaluate(ProbeFacts facts)
    {
        if (_conditions.Length == 0) return [];
        var results = new ConditionResult[_conditions.Length];
        if (facts is null)
        {
            for (var i = 0; i < results.Length; i++) results[i] = new ConditionResult(_conditions[i].Text, false, "(no facts)");
            return results;
        }

        using var context = new EvaluationContext(facts);
        for (var i = 0; i < results.Length; i++)
        {
            try
            {
                results[i] = _conditions[i].Evaluate(context);
            }
            catch (Exception e)
            {
                // A safety net, not a path: evaluation is written not to throw, but one odd response must not fail the
                // whole attempt's report.
                results[i] = new ConditionResult(_conditions[i].Text, false, Condition.Truncate($"(evaluation error: {e.Message})"));
            }
        }
        return results;
    }
}
