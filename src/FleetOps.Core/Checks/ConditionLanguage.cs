using FleetOps.Core.Conditions;
using FleetOps.Core.Results;

namespace FleetOps.Core.Checks;

/// <summary>The one place that calls the condition language (FleetOps.Core.Conditions), for the prober and the validator.</summary>
public static class ConditionLanguage
{
    /// <summary>Stands in for a condition that is reported elsewhere, so later ones keep their index in the language's messages.</summary>
    private const string Filler = "[CONNECTED] == true";

    /// <summary>
    /// Parses a check's conditions into an evaluator over an attempt's facts. Throws <see cref="ConditionParseException"/>
    /// (a <see cref="FormatException"/>) naming the first wrong condition, the position and the expected token.
    /// </summary>
    public static Func<ProbeFacts, IReadOnlyList<ConditionResult>> Compile(IReadOnlyList<string> conditions) =>
        ConditionSet.Parse(conditions).Evaluate;

    /// <summary>
    /// Every condition that does not parse (0-based index and the language's message). The language stops at the first;
    /// each later one is then parsed alone at its own index. <paramref name="skip"/> marks entries already reported.
    /// </summary>
    public static IReadOnlyList<(int Index, string Message)> FindProblems(IReadOnlyList<string> conditions, Func<int, bool>? skip = null)
    {
        var usable = conditions.Select((c, i) => skip?.Invoke(i) == true ? Filler : c).ToList();
        if (ConditionSet.TryParse(usable, out _, out var first)) return [];
        var problems = new List<(int, string)> { (first!.Index, first.Message) };
        for (var j = first.Index + 1; j < usable.Count; j++)
        {
            if (usable[j] == Filler) continue;
            if (!ConditionSet.TryParse([.. Enumerable.Repeat(Filler, j), usable[j]], out _, out var error))
                problems.Add((error!.Index, error.Message));
        }
        return problems;
    }
}
