using FleetOps.Workflows.Rollouts;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;

namespace FleetOps.Workflows.Tests.Storage;

/// <summary>The run index on Azurite: newest first whatever the ids, paged exactly, one row per run however often it registers.</summary>
public sealed class RunIndexTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Runs_page_newest_first_whatever_their_ids_and_each_page_starts_after_the_last()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var index = new RunIndex(storage.Clients, clock);
        // Ids in an order unrelated to time: alphabetical order would be b, d, f, ... ; creation order is the list's.
        var ids = new[] { "m7", "a1", "z9", "c3", "x8", "b2", "y5", "d4", "k6", "e0", "q1", "f2" }
            .Select(id => $"{id}-{Guid.NewGuid():N}"[..12]).ToList();
        foreach (var id in ids)
        {
            clock.Now = clock.Now.AddSeconds(1);
            await index.RegisterAsync(id, ids.IndexOf(id) % 2 == 0 ? SweepOrchestrator.Name : RolloutOrchestrator.Name, default);
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var (runs, more) = await index.PageAsync(after, 5, default);
            seen.AddRange(runs.Select(r => r.RunId));
            after = more ? runs[^1].Key : null;
            pages++;
        } while (after is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(3, pages);
        var (first, _) = await index.PageAsync(null, 2, default);
        Assert.Equal(["rollout", "sweep"], first.Select(r => r.Kind));
    }

}

/// <summary>Registration: idempotent, run kinds only; continuations are checked before they reach a query.</summary>
public sealed class RunIndexRegistrationTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Registering_a_run_twice_keeps_its_first_place()
    {
        var clock = new ManualClock(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var index = new RunIndex(storage.Clients, clock);
        var id = "twice-" + Guid.NewGuid().ToString("N")[..8];
        var key = await index.RegisterAsync(id, SweepOrchestrator.Name, default);
        clock.Now = clock.Now.AddMinutes(5);
        var later = "later-" + Guid.NewGuid().ToString("N")[..8];
        await index.RegisterAsync(later, SweepOrchestrator.Name, default);
        clock.Now = clock.Now.AddMinutes(5);

        Assert.Equal(key, await index.RegisterAsync(id, SweepOrchestrator.Name, default));
        var (runs, _) = await index.PageAsync(null, 1000, default);
        Assert.Single(runs, r => r.RunId == id);
        Assert.True(runs.FindIndex(r => r.RunId == later) < runs.FindIndex(r => r.RunId == id));
    }

    [Fact]
    public async Task Only_run_kinds_register()
    {
        var index = new RunIndex(storage.Clients, TimeProvider.System);
        await Assert.ThrowsAsync<ArgumentException>(() => index.RegisterAsync("x", SweepChunkOrchestrator.Name, default));
    }

    [Theory]
    [InlineData("0000000000000000001_run-1", true)]
    [InlineData("0000000000000000001_", false)]
    [InlineData("1_run", false)]
    [InlineData("0000000000000000001_run' or PartitionKey ne '", false)]
    [InlineData("0000000000000000001_a:chunk:0000", false)]
    public void A_continuation_must_be_a_key_this_index_makes(string text, bool valid) => Assert.Equal(valid, RunIndex.IsKey(text));
}
