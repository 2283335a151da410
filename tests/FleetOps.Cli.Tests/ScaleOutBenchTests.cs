using FleetOps.Cli.Bench;

namespace FleetOps.Cli.Tests;

public sealed class ScaleOutBenchTests
{
    private static ScaleOutBench.Row Row(int hosts, double seconds, double[] cpu, double azurite, double requests) =>
        new(hosts, new BenchResult("durable", 10_000, TimeSpan.FromSeconds(seconds), 10_000, "32 batch activities, POST to Completed: accept 0.1 s, queue 0.5 s"),
            cpu.Sum(), cpu, azurite, requests);

    [Fact]
    public void Each_count_is_compared_with_one_host_and_its_costs_are_per_thousand_targets()
    {
        var table = ScaleOutBench.Table([Row(1, 10, [20], 5, 3000), Row(2, 8, [12, 10], 6, 3500)]);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        // 1 host: 1,000 targets/s; 2 hosts: 1,250 (1.25x); CPU 20 s and 22 s over 10,000 targets.
        Assert.Matches(@"^\s+1\s+10000\s+10\.00\s+1000\s+1\.00\s+2\.000\s+2\.000\s+0\.500\s+300\s+accept 0\.1 s, queue 0\.5 s$", lines[2]);
        Assert.Matches(@"^\s+2\s+10000\s+8\.00\s+1250\s+1\.25\s+2\.200\s+1\.200/1\.000\s+0\.600\s+350\s+accept", lines[3]);
    }

    [Fact]
    public void Without_a_one_host_row_there_is_no_ratio()
    {
        var table = ScaleOutBench.Table([Row(2, 8, [12, 10], 6, 3500)]);
        Assert.DoesNotContain("1.25", table, StringComparison.Ordinal);
    }
}
