using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;

namespace FleetOps.Workflows.Tests.Storage;

/// <summary>The completed sweeps of an inventory: the previous one of any run is one query away.</summary>
public sealed class SweepHistoryTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task The_previous_sweep_is_the_newest_completed_one_of_the_same_inventory_accepted_before()
    {
        var history = new SweepHistory(storage.Clients);
        var t0 = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        string Key(int minute, string id) => RunIndex.KeyFor(t0.AddMinutes(minute), id);
        var inventory = "prod-" + Guid.NewGuid().ToString("N")[..6];

        // Recorded in completion order, which is not acceptance order: s3 (accepted at 3) finished before s2 (at 2).
        await history.RecordCompletedAsync(inventory, Key(1, "s1"), "s1", default);
        await history.RecordCompletedAsync(inventory, Key(3, "s3"), "s3", default);
        await history.RecordCompletedAsync(inventory, Key(2, "s2"), "s2", default);
        await history.RecordCompletedAsync("other-" + inventory, Key(4, "o4"), "o4", default);
        await history.RecordCompletedAsync(inventory, Key(3, "s3"), "s3", default); // a redelivered last activity

        Assert.Equal("s3", await history.FindPreviousAsync(inventory, Key(5, "s5"), default));
        Assert.Equal("s2", await history.FindPreviousAsync(inventory, Key(3, "s3"), default));
        Assert.Equal("s1", await history.FindPreviousAsync(inventory, Key(2, "s2"), default));
        Assert.Null(await history.FindPreviousAsync(inventory, Key(1, "s1"), default));
        Assert.Null(await history.FindPreviousAsync("never-swept", Key(9, "x"), default));
    }
}
