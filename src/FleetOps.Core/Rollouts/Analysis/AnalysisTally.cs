namespace FleetOps.Core.Rollouts.Analysis;

/// <summary>A query's measurements so far in the current wave.</summary>
public sealed record QueryTally(int Measured = 0, int Failures = 0, int Inconclusives = 0, string? LastDetail = null);

/// <summary>One measurement of one query (by its index in the gate). For a node-scoped query, <see cref="FailedNodes"/> failed it.</summary>
public sealed record QueryMeasurement(int Query, QueryVerdict Verdict, string Detail, int FailedNodes = 0, List<string>? FailedSample = null);

/// <summary>Where a wave's analysis stands after a round.</summary>
public enum AnalysisStatus { Measuring, Passed, Failed, Inconclusive }

/// <summary>The analysis' decision: its status, the query that decided it and why.</summary>
public sealed record AnalysisDecision(AnalysisStatus Status, int Query = -1, string? Reason = null);

/// <summary>
/// The arithmetic of a wave's Prometheus analysis (Argo Rollouts' failureLimit / inconclusiveLimit): each query is
/// measured until it has <c>count</c> measurements; the analysis fails as soon as a query's failures go above its
/// failureLimit, is inconclusive as soon as its inconclusive measurements go above its inconclusiveLimit (a failure
/// wins over an inconclusive in the same round), and passes when every query was measured <c>count</c> times.
/// Pure; the state is one small tally per query.
/// </summary>
public static class AnalysisTally
{
    public static List<QueryTally> Start(int queries) => [.. Enumerable.Range(0, queries).Select(_ => new QueryTally())];

    /// <summary>The indexes of the queries still to be measured.</summary>
    public static List<int> Due(IReadOnlyList<PrometheusQuery> queries, IReadOnlyList<QueryTally> tallies) =>
        [.. Enumerable.Range(0, queries.Count).Where(q => tallies[q].Measured < queries[q].Count)];

    public static List<QueryTally> Record(IReadOnlyList<QueryTally> tallies, IEnumerable<QueryMeasurement> round)
    {
        var next = tallies.ToList();
        foreach (var m in round)
        {
            if (m.Query < 0 || m.Query >= next.Count) continue;
            var t = next[m.Query];
            next[m.Query] = t with
            {
                Measured = t.Measured + 1,
                Failures = t.Failures + (m.Verdict == QueryVerdict.Fail ? 1 : 0),
                Inconclusives = t.Inconclusives + (m.Verdict == QueryVerdict.Inconclusive ? 1 : 0),
                LastDetail = m.Detail,
            };
        }
        return next;
    }

    public static AnalysisDecision Decide(IReadOnlyList<PrometheusQuery> queries, IReadOnlyList<QueryTally> tallies)
    {
        for (var q = 0; q < queries.Count; q++)
            if (tallies[q].Failures > queries[q].FailureLimit)
                return new(AnalysisStatus.Failed, q, $"Prometheus query '{queries[q].Name}' failed {Times(tallies[q].Failures)} (failureLimit {queries[q].FailureLimit}): {tallies[q].LastDetail}");
        for (var q = 0; q < queries.Count; q++)
            if (tallies[q].Inconclusives > queries[q].InconclusiveLimit)
                return new(AnalysisStatus.Inconclusive, q, $"Prometheus query '{queries[q].Name}' was inconclusive {Times(tallies[q].Inconclusives)} (inconclusiveLimit {queries[q].InconclusiveLimit}): {tallies[q].LastDetail}");
        return Due(queries, tallies).Count == 0 ? new(AnalysisStatus.Passed) : new(AnalysisStatus.Measuring);
    }

    private static string Times(int n) => n == 1 ? "once" : $"{n} times";
}
