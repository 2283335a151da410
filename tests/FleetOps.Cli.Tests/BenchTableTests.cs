using FleetOps.Cli.Bench;

namespace FleetOps.Cli.Tests;

public sealed class BenchTableTests
{
    [Fact]
    public void Each_row_is_compared_with_the_raw_prober_and_blackbox_exporter_at_its_own_size()
    {
        var table = BenchTable.Markdown([
            new BenchResult(BenchCommandNames.Raw, 1000, TimeSpan.FromSeconds(1), 1000),
            new BenchResult(BenchCommandNames.Blackbox, 1000, TimeSpan.FromSeconds(2), 1000),
            new BenchResult(BenchCommandNames.Durable, 1000, TimeSpan.FromSeconds(4), 1000),
            new BenchResult(BenchCommandNames.Raw, 10, TimeSpan.FromSeconds(1), 10),
        ]);
        var rows = table.Split('\n').Where(l => l.StartsWith("| 1", StringComparison.Ordinal)).Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();

        Assert.Equal(["1000", BenchCommandNames.Durable, "4.00", "250", "0.25", "0.50"], rows[2][1..7]);
        Assert.Equal(["1.00", "2.00"], rows[0][5..7]);
        // No blackbox row at 10 targets: its ratio is left empty rather than taken from another size.
        Assert.Equal(["1.00", ""], rows[3][5..7]);
    }
}
