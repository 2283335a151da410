using FleetOps.Core.Results;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>A check's conditions, parsed once per batch, or why they could not be parsed.</summary>
public sealed class CheckConditions
{
    private readonly Func<ProbeFacts, IReadOnlyList<ConditionResult>>? _evaluate;

    private CheckConditions(Func<ProbeFacts, IReadOnlyList<ConditionResult>>? evaluate, string? problem)
    {
        _evaluate = evaluate;
        Problem = problem;
    }

    /// <summary>Why the conditions cannot be used (a request that skipped validation); the check then fails without probing.</summary>
    public string? Problem { get; }

    public static CheckConditions? For(CheckSpec check)
    {
        if (check.Conditions is not { Count: > 0 } conditions) return null;
        try
        {
            return new CheckConditions(ConditionLanguage.Compile(conditions), null);
        }
        catch (Exception e) when (e is FormatException or ArgumentException) // a request that skipped validation
        {
            return new CheckConditions(null, $"invalid conditions: {e.Message}");
        }
    }

    public IReadOnlyList<ConditionResult> Evaluate(ProbeFacts facts) => _evaluate!(facts);

    /// <summary>"[STATUS] == 200 (actual 503); [BODY].status == UP (actual DOWN)", or null when all held.</summary>
    public static string? DescribeFailures(IReadOnlyList<ConditionResult> results)
    {
        var failed = results.Where(r => !r.Ok).Select(r => $"{r.Condition} (actual {r.Actual ?? "none"})").ToList();
        return failed.Count == 0 ? null : string.Join("; ", failed);
    }
}

/// <summary>Parses each distinct check's conditions once for a batch. Keyed by instance: a batch's targets share check objects.</summary>
public sealed class ConditionCache
{
    private readonly Dictionary<CheckSpec, CheckConditions?> _byCheck = new(ReferenceEqualityComparer.Instance);

    /// <summary>Built before probing starts and only read after, so concurrent probes need no lock.</summary>
    public ConditionCache(IEnumerable<ProbeTask> tasks)
    {
        foreach (var task in tasks)
            foreach (var check in task.Checks)
                if (check is not null && !_byCheck.ContainsKey(check)) _byCheck[check] = CheckConditions.For(check);
    }

    public CheckConditions? For(CheckSpec check) => _byCheck.TryGetValue(check, out var c) ? c : CheckConditions.For(check);
}
