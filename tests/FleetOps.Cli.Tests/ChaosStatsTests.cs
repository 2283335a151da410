using FleetOps.Cli.Bench;

namespace FleetOps.Cli.Tests;

public sealed class ChaosStatsTests
{
    [Theory]
    [InlineData(50, 10)]
    [InlineData(99, 20)]
    [InlineData(100, 20)]
    [InlineData(95, 19)]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(5.1, 2)]
    public void Percentile_is_the_nearest_rank_of_twenty_values_in_any_order(double p, double expected)
    {
        var values = Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(expected, ChaosStats.Percentile(values, p));
    }

    [Fact]
    public void Percentile_of_one_value_is_that_value_and_of_none_is_not_a_number()
    {
        Assert.Equal(7.5, ChaosStats.Percentile([7.5], 50));
        Assert.Equal(7.5, ChaosStats.Percentile([7.5], 99));
        Assert.True(double.IsNaN(ChaosStats.Percentile([], 50)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChaosStats.Percentile([1.0], 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChaosStats.Percentile([1.0], -1));
    }

    [Fact]
    public void Percentile_of_an_even_count_takes_the_lower_middle_value_not_an_average()
    {
        Assert.Equal(2, ChaosStats.Percentile([4.0, 1.0, 3.0, 2.0], 50));
        Assert.Equal(4, ChaosStats.Percentile([4.0, 1.0, 3.0, 2.0], 99));
    }

    [Fact]
    public void Tally_counts_targets_without_a_result_and_every_extra_result()
    {
        Assert.Equal((0, 0), ChaosStats.Tally(["a", "b", "c"], ["c", "a", "b"]));
        Assert.Equal((1, 0), ChaosStats.Tally(["a", "b", "c"], ["a", "b"]));
        Assert.Equal((0, 2), ChaosStats.Tally(["a", "b"], ["a", "b", "b", "b"]));
        Assert.Equal((1, 1), ChaosStats.Tally(["a", "b"], ["a", "a"]));
        // A result for a target nobody asked about is a duplicate of nothing: still one too many.
        Assert.Equal((1, 1), ChaosStats.Tally(["a", "b"], ["a", "zz"]));
        Assert.Equal((2, 0), ChaosStats.Tally(["a", "b"], []));
    }

    [Fact]
    public void Applied_counts_nodes_never_changed_and_every_extra_application()
    {
        Assert.Equal((0, 0), ChaosStats.Applied([1, 1, 1]));
        Assert.Equal((1, 0), ChaosStats.Applied([1, 0, 1]));
        Assert.Equal((0, 3), ChaosStats.Applied([2, 3, 1]));
        Assert.Equal((2, 1), ChaosStats.Applied([0, 2, 0]));
    }

    [Fact]
    public void Summary_gives_percentiles_over_the_trials_that_ran_and_counts_the_failed_ones_apart()
    {
        var outcomes = new List<ChaosTrial.Outcome>
        {
            new(1, "sweep", 1, "5/10 batches", FromKill: 9, FromRestart: 8, Takeover: 5, Missing: 0, Duplicates: 0, Redone: 10),
            new(2, "sweep", 1, "5/10 batches", FromKill: 12, FromRestart: 11, Takeover: 6, Missing: 0, Duplicates: 0, Redone: 20),
            new(3, "sweep", 1, "5/10 batches", FromKill: 7, FromRestart: 6, Takeover: null, Missing: 1, Duplicates: 0),
            new(4, "sweep", 1, "", null, null, null, 0, 0, Error: "run did not complete"),
        };
        var summary = ChaosBench.Summary(outcomes, hosts: 1);

        Assert.Contains("4 trials, 1 failed; missing results 1, duplicates 0", summary, StringComparison.Ordinal);
        Assert.Contains("redone", summary, StringComparison.Ordinal);
        Assert.Contains("restart → run completed: p50 8.0 s, p99 11.0 s", summary, StringComparison.Ordinal);
        Assert.Contains("kill → run completed: p50 9.0 s, p99 12.0 s", summary, StringComparison.Ordinal);
        Assert.Contains("restarted host: p50 5.0 s, p99 6.0 s", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("restart →", ChaosBench.Summary(outcomes, hosts: 2), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Control_queue_index_is_fnv1a_of_the_instance_id_modulo_the_partitions(string id, uint fnv1a)
    {
        Assert.Equal((int)(fnv1a % 4), ChaosStats.ControlQueueIndex(id, 4));
        Assert.Equal((int)(fnv1a % 16), ChaosStats.ControlQueueIndex(id, 16));
    }

    [Fact]
    public void Control_queue_index_agrees_with_the_engines_own_placement()
    {
        // The engine's helper is internal: reached by reflection, so a change in the engine's placement shows here.
        var helper = typeof(DurableTask.AzureStorage.AzureStorageOrchestrationService).Assembly.GetType("DurableTask.AzureStorage.Fnv1aHashHelper")!;
        var compute = helper.GetMethod("ComputeHash", [typeof(string)])!;
        foreach (var id in new[] { "sweep-7f3a", "nightly-42", "rollout-deploy-2026-12-01", "ü-ñ-✓", "chunk:0001" })
            Assert.Equal((int)((uint)compute.Invoke(null, [id])! % 4), ChaosStats.ControlQueueIndex(id, 4));
    }
}
