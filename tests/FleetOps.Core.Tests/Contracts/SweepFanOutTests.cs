using FleetOps.Core.Inventories;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Contracts;

/// <summary>No request fans out past the limits the engine stays healthy within; the 400 names the option and the smallest value allowed.</summary>
public sealed class SweepFanOutTests
{
    private static SweepPlan Plan(int targets, int? batchSize = null, int? chunkBatches = null) => SweepPlan.For(new SweepRequest
    {
        Targets = Enumerable.Range(0, targets).Select(i => new TargetSpec { Name = $"n{i}", Address = "127.0.0.1:1" }).ToList(),
        Options = new SweepOptions { BatchSize = batchSize, ChunkBatches = chunkBatches },
    });

    [Fact]
    public void One_target_per_batch_and_per_chunk_over_3000_targets_names_both_options()
    {
        var errors = SweepFanOut.Check(Plan(3_000, batchSize: 1, chunkBatches: 1));

        var batchSize = Assert.Single(errors, e => e.Field == "options.batchSize");
        Assert.Contains("at least 3", batchSize.Message);
        var chunkBatches = Assert.Single(errors, e => e.Field == "options.chunkBatches");
        Assert.Contains("at least 150", chunkBatches.Message);
    }

    [Theory]
    [InlineData(3_000, 3, null, true)]
    [InlineData(3_000, 2, null, false)]
    [InlineData(100_000, 100, null, true)]
    [InlineData(100_000, 99, null, false)]
    [InlineData(1_000, 1, 50, true)]
    [InlineData(1_000, 1, 49, false)]
    [InlineData(1_000, 1, 1_000, true)]
    [InlineData(10, 1, 1, true)]
    [InlineData(21, 1, 1, false)]
    public void Limits_sit_exactly_at_the_maximum_batches_and_chunks(int targets, int batchSize, int? chunkBatches, bool allowed)
    {
        var plan = Plan(targets, batchSize, chunkBatches);
        Assert.Equal(allowed, SweepFanOut.Check(plan).Count == 0);
        if (allowed)
        {
            Assert.InRange(plan.BatchCount, 1, SweepFanOut.MaxBatches);
            Assert.InRange(SweepFanOut.ChunkCount(plan.BatchCount, plan.ChunkBatchesOrDefault), 0, SweepFanOut.MaxChunks);
        }
    }

    [Fact]
    public void Default_options_are_within_the_limits_for_every_fleet_size_a_sweep_takes()
    {
        // Up to the most a sweep may be configured to take (FleetOps:Limits:MaxTargetsPerRun), the most an inventory holds.
        for (var targets = 1; targets <= InventoryLimits.MaxHosts; targets = targets < 100 ? targets + 1 : targets * 11 / 10)
            Assert.Empty(SweepFanOut.Check(Plan(targets)));
        Assert.Empty(SweepFanOut.Check(Plan(SweepRequestValidator.MaxTargets)));
        Assert.Empty(SweepFanOut.Check(Plan(InventoryLimits.MaxHosts)));
        Assert.Equal(500, SweepPlan.DefaultBatchSize(500_000));
        Assert.Equal(1000, SweepPlan.DefaultBatchSize(InventoryLimits.MaxHosts));
    }

    [Fact]
    public void The_smallest_values_the_message_names_are_accepted()
    {
        foreach (var targets in new[] { 1, 999, 1_001, 3_000, 54_321, 100_000 })
        {
            var batchSize = SweepFanOut.MinBatchSize(targets);
            var batches = Plan(targets, batchSize).BatchCount;
            Assert.Empty(SweepFanOut.Check(Plan(targets, batchSize, SweepFanOut.MinChunkBatches(batches))));
            if (batchSize > 1) Assert.NotEmpty(SweepFanOut.Check(Plan(targets, batchSize - 1)));
        }
    }
}
