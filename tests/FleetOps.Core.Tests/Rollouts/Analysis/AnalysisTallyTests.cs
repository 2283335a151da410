using FleetOps.Core.Rollouts.Analysis;

namespace FleetOps.Core.Tests.Rollouts.Analysis;

public sealed class AnalysisTallyTests
{
    private static PrometheusQuery Query(string name, int count = 1, int failureLimit = 0, int inconclusiveLimit = 0) =>
        new(name, "up", "== 1", QueryScope.Fleet, count, failureLimit, inconclusiveLimit);

    private static QueryMeasurement M(int query, QueryVerdict verdict) => new(query, verdict, verdict.ToString());

    [Fact]
    public void It_passes_once_every_query_has_its_count_of_measurements_within_the_limits()
    {
        PrometheusQuery[] queries = [Query("a", count: 3, failureLimit: 1, inconclusiveLimit: 1), Query("b")];
        var tallies = AnalysisTally.Start(2);
        Assert.Equal([0, 1], AnalysisTally.Due(queries, tallies));
        tallies = AnalysisTally.Record(tallies, [M(0, QueryVerdict.Fail), M(1, QueryVerdict.Pass)]);
        Assert.Equal(AnalysisStatus.Measuring, AnalysisTally.Decide(queries, tallies).Status);
        Assert.Equal([0], AnalysisTally.Due(queries, tallies)); // b has its one measurement
        tallies = AnalysisTally.Record(tallies, [M(0, QueryVerdict.Inconclusive)]);
        Assert.Equal(AnalysisStatus.Measuring, AnalysisTally.Decide(queries, tallies).Status);
        tallies = AnalysisTally.Record(tallies, [M(0, QueryVerdict.Pass)]);
        Assert.Equal(AnalysisStatus.Passed, AnalysisTally.Decide(queries, tallies).Status);
        Assert.Equal(new QueryTally(3, 1, 1, "Pass"), tallies[0]);
    }

    [Fact]
    public void Failures_above_the_failure_limit_fail_it_at_once_and_win_over_inconclusive()
    {
        PrometheusQuery[] queries = [Query("errors", count: 5, failureLimit: 1), Query("latency", count: 5)];
        var tallies = AnalysisTally.Record(AnalysisTally.Start(2), [M(0, QueryVerdict.Fail), M(1, QueryVerdict.Pass)]);
        Assert.Equal(AnalysisStatus.Measuring, AnalysisTally.Decide(queries, tallies).Status); // one failure is tolerated
        tallies = AnalysisTally.Record(tallies, [M(0, QueryVerdict.Fail), M(1, QueryVerdict.Inconclusive)]);
        var decision = AnalysisTally.Decide(queries, tallies);
        Assert.Equal(AnalysisStatus.Failed, decision.Status);
        Assert.Equal(0, decision.Query);
        Assert.Equal("Prometheus query 'errors' failed 2 times (failureLimit 1): Fail", decision.Reason);
    }

    [Fact]
    public void Inconclusive_measurements_above_the_limit_make_it_inconclusive()
    {
        PrometheusQuery[] queries = [Query("errors", count: 2)];
        var tallies = AnalysisTally.Record(AnalysisTally.Start(1), [M(0, QueryVerdict.Inconclusive)]);
        var decision = AnalysisTally.Decide(queries, tallies);
        Assert.Equal(AnalysisStatus.Inconclusive, decision.Status);
        Assert.Equal("Prometheus query 'errors' was inconclusive once (inconclusiveLimit 0): Inconclusive", decision.Reason);
    }

    [Fact]
    public void Measurements_of_unknown_queries_are_ignored()
    {
        var tallies = AnalysisTally.Record(AnalysisTally.Start(1), [M(-1, QueryVerdict.Fail), M(1, QueryVerdict.Fail)]);
        Assert.Equal(new QueryTally(), tallies[0]);
    }
}
