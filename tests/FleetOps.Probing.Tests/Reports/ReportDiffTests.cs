using FleetOps.Probing.Reports;
using FleetOps.Core.Results;
using static FleetOps.Probing.Tests.Reports.ReportSamples;

namespace FleetOps.Probing.Tests.Reports;

public sealed class ReportDiffTests
{
    [Fact]
    public void Classifies_new_failures_recoveries_added_removed_and_unchanged()
    {
        TargetResult[] previous = [Ok("stays-ok"), Ok("breaks"), Failed("heals"), Failed("stays-broken"), Ok("retired")];
        TargetResult[] current = [Ok("stays-ok"), Failed("breaks", ErrorKind.Refused, message: "connection refused"), Ok("heals", 12),
            Failed("stays-broken", ErrorKind.Dns), Ok("new-1"), Ok("new-0")];

        var diff = ReportDiff.Compare(previous, current);

        var failure = Assert.Single(diff.NewFailures);
        Assert.Equal(("breaks", "ok", "refused: connection refused"), (failure.Name, failure.Before, failure.After));
        var recovery = Assert.Single(diff.Recoveries);
        Assert.Equal(("heals", "timeout: heals Timeout", "ok", 12.0), (recovery.Name, recovery.Before, recovery.After, recovery.AfterMs));
        Assert.Empty(diff.LatencyRegressions);
        Assert.Equal(["new-0", "new-1"], diff.Added);
        Assert.Equal(["retired"], diff.Removed);
        Assert.Equal(2, diff.Unchanged); // stays-ok, and stays-broken (failing both times is not news)
    }

    [Theory]
    // ratio 1.5 and floor 20 ms, both strict: after > before × 1.5 and after − before > 20
    [InlineData(100, 150, false)]      // exactly 1.5× is not a regression
    [InlineData(100, 150.01, true)]
    [InlineData(10, 30, false)]        // 3× but exactly 20 ms slower: under the floor
    [InlineData(10, 30.01, true)]
    [InlineData(2, 21, false)]         // 10× but 19 ms: noise on a fast host
    [InlineData(1000, 1400, false)]    // 400 ms slower but only 1.4×
    [InlineData(200, 100, false)]      // faster
    public void Latency_regression_needs_both_the_ratio_and_the_floor(double before, double after, bool regression)
    {
        var diff = ReportDiff.Compare([Ok("a", before)], [Ok("a", after)]);

        Assert.Equal(regression, diff.LatencyRegressions.Count == 1);
        Assert.Equal(regression ? 0 : 1, diff.Unchanged);
    }

    [Fact]
    public void Options_change_the_regression_rule()
    {
        var diff = ReportDiff.Compare([Ok("a", 100)], [Ok("a", 125)], new DiffOptions { RegressionRatio = 1.2, MinRegressionMs = 5 });

        var entry = Assert.Single(diff.LatencyRegressions);
        Assert.Equal((100.0, 125.0), (entry.BeforeMs, entry.AfterMs));
    }

    [Fact]
    public void A_slow_failure_is_a_failure_not_a_regression()
    {
        var diff = ReportDiff.Compare([Ok("a", 10), Failed("b", ms: 10)], [Failed("a", ms: 2000), Failed("b", ms: 2000)]);

        Assert.Equal(["a"], diff.NewFailures.Select(e => e.Name));
        Assert.Empty(diff.LatencyRegressions);
        Assert.Equal(1, diff.Unchanged);
    }

    [Fact]
    public void Regressions_are_listed_worst_first()
    {
        var diff = ReportDiff.Compare([Ok("a", 10), Ok("b", 10), Ok("c", 10)], [Ok("a", 100), Ok("b", 500), Ok("c", 50)]);

        Assert.Equal(["b", "a", "c"], diff.LatencyRegressions.Select(e => e.Name));
    }

    [Fact]
    public void Repeated_names_count_once_and_empty_sweeps_compare()
    {
        var diff = ReportDiff.Compare([Ok("a"), Failed("a")], [Ok("a"), Failed("a"), Ok("b"), Ok("b")]);

        Assert.Equal(["b"], diff.Added);
        Assert.Empty(diff.NewFailures);
        Assert.Equal(1, diff.Unchanged);

        var empty = ReportDiff.Compare([], []);
        Assert.Equal(0, empty.Unchanged + empty.Added.Count + empty.Removed.Count + empty.NewFailures.Count);
    }

    [Fact]
    public async Task Compares_streamed_batches_like_lists()
    {
        var previous = Fleet(2_000, seed: 1).ToList();
        var current = Fleet(2_100, seed: 2).Skip(50).ToList();

        var fromLists = ReportDiff.Compare(previous, current);
        var fromBatches = await ReportDiff.CompareAsync(Batches(previous, 300), Batches(current, 300));

        Assert.Equal(fromLists.NewFailures, fromBatches.NewFailures);
        Assert.Equal(fromLists.Recoveries, fromBatches.Recoveries);
        Assert.Equal(fromLists.LatencyRegressions, fromBatches.LatencyRegressions);
        Assert.Equal(fromLists.Added, fromBatches.Added);
        Assert.Equal(fromLists.Removed, fromBatches.Removed);
        Assert.Equal(fromLists.Unchanged, fromBatches.Unchanged);
        Assert.Equal(50, fromLists.Removed.Count);
        Assert.Equal(100, fromLists.Added.Count);
        Assert.Equal(1_950, fromLists.Unchanged + fromLists.NewFailures.Count + fromLists.Recoveries.Count + fromLists.LatencyRegressions.Count);
    }
}
