using FleetOps.Core.Results;
using FleetOps.Core.Summaries;
using static FleetOps.Core.Tests.Summaries.BatchOutcomeTests;

namespace FleetOps.Core.Tests.Summaries;

public sealed class SweepTallyTests
{
    [Fact]
    public void Aggregates_counts_errors_and_latency()
    {
        var batches = new[]
        {
            BatchOutcome.From(0, [Ok("a", 10), Ok("b", 20), Failed("c", ErrorKind.Refused, 30)]),
            BatchOutcome.From(1, [Ok("d", 40), Failed("e", ErrorKind.Timeout, 2000), Failed("f", ErrorKind.Refused, 50)]),
            BatchOutcome.From(2, [Ok("g", 60)]),
        };
        var tally = new SweepTally(batchesTotal: 4, targetsTotal: 9);
        foreach (var batch in batches) tally.Add(batch);

        var summary = tally.ToSummary();

        Assert.Equal(9, summary.Targets);
        Assert.Equal(4, summary.Ok);
        Assert.Equal(3, summary.Failed);
        Assert.Equal(3, summary.BatchesDone);
        Assert.Equal(4, summary.BatchesTotal);
        Assert.Equal(new Dictionary<ErrorKind, int> { [ErrorKind.Refused] = 2, [ErrorKind.Timeout] = 1 }, summary.Errors);
        Assert.Equal(["c", "e", "f"], summary.FirstFailures.Select(f => f.Name));

        var all = new LatencyHistogram();
        foreach (var batch in batches) all.Merge(batch.Latency);
        Assert.Equal(new LatencySummary(all.Percentile(0.5), all.Percentile(0.95), all.Percentile(0.99), 2000), summary.Latency);
        Assert.InRange(summary.Latency.P50Ms, 40, 42);
        Assert.Equal(2000, summary.Latency.P99Ms);
    }

    [Fact]
    public void Failure_samples_are_capped_at_20_keeping_the_first()
    {
        var tally = new SweepTally(3, 30);
        for (var b = 0; b < 3; b++)
            tally.Add(BatchOutcome.From(b, Enumerable.Range(0, 10).Select(i => Failed($"b{b}-n{i}", ErrorKind.HttpStatus)).ToList()));

        var summary = tally.ToSummary();

        Assert.Equal(30, summary.Failed);
        Assert.Equal(30, summary.Errors[ErrorKind.HttpStatus]);
        Assert.Equal(20, summary.FirstFailures.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"b{i / 10}-n{i % 10}"), summary.FirstFailures.Select(f => f.Name));
    }

    [Fact]
    public void Empty_tally()
    {
        var summary = new SweepTally(5, 100).ToSummary();

        Assert.Equal(100, summary.Targets);
        Assert.Equal(0, summary.BatchesDone);
        Assert.Equal(5, summary.BatchesTotal);
        Assert.Equal(new LatencySummary(0, 0, 0, 0), summary.Latency);
        Assert.Empty(summary.Errors);
        Assert.Empty(summary.FirstFailures);
    }

    [Fact]
    public void Summary_is_a_snapshot()
    {
        var tally = new SweepTally(2, 2);
        tally.Add(BatchOutcome.From(0, [Failed("a", ErrorKind.Dns)]));
        var first = tally.ToSummary();

        tally.Add(BatchOutcome.From(1, [Failed("b", ErrorKind.Dns)]));
        first.Errors[ErrorKind.Tls] = 99;
        first.FirstFailures.Clear();
        var second = tally.ToSummary();

        Assert.Equal(1, first.Errors[ErrorKind.Dns]);
        Assert.Equal(new Dictionary<ErrorKind, int> { [ErrorKind.Dns] = 2 }, second.Errors);
        Assert.Equal(["a", "b"], second.FirstFailures.Select(f => f.Name));
    }
}
