using FleetOps.Core.Results;
using FleetOps.Core.Rollouts;
using FleetOps.Testing;
using FleetOps.Workflows.Rollouts;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Workflows.Tests.Rollouts;

/// <summary>One Azurite for the class: starting one per test is slow on a loaded machine.</summary>
public sealed class RolloutStorageFixture : IAsyncLifetime
{
    public Azurite Storage { get; private set; } = null!;
    public StorageClients Clients { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Storage.ConnectionString }).Build();
        Clients = StorageClients.FromConfiguration(configuration);
    }

    public async Task DisposeAsync() => await Storage.DisposeAsync();
}

/// <summary>The rollout's blobs and lock on a real Azurite: journals per chunk, timeline segments, lock contention.</summary>
public sealed class RolloutStorageTests(RolloutStorageFixture fixture) : IClassFixture<RolloutStorageFixture>
{
    private readonly StorageClients _clients = fixture.Clients;
    private readonly RolloutStore _store = new(fixture.Clients);

    private static StoredAction Stored(string node, bool ok = true, int attempts = 1) =>
        new(0, new NodeActionResult(node, ok, attempts, ok ? 200 : 500, 1.5, ok ? null : new ProbeError(ErrorKind.HttpStatus, "500"), null), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_chunk_journal_keeps_each_node_first_line_and_reads_as_one_blob()
    {
        var run1 = "j-" + Guid.NewGuid().ToString("N")[..8];
        var journal = _store.Journal(run1, rollback: false, from: 8, count: 8);
        Assert.Empty(await journal.ReadAsync(default));
        Assert.Empty(await journal.OpenAsync(default)); // created by this call: nothing to read
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => journal.AppendAsync(Stored($"n{i}", ok: i != 3), default)));
        await journal.AppendAsync(Stored("n0", ok: false), default); // a redelivery's late duplicate: the first line wins
        Assert.Equal(8, (await journal.OpenAsync(default)).Count); // a redelivered chunk opens it again: nothing is lost

        var read = await journal.ReadAsync(default);
        Assert.Equal(8, read.Count);
        Assert.True(read.Single(r => r.Result.Node == "n0").Result.Ok);
        Assert.Equal($"{run1}/rollout/action/0000008-0000016.jsonl", RolloutStore.JournalBlob(run1, false, 8, 8));

        // Ranges read only the chunks that overlap them.
        await _store.Journal(run1, false, 0, 8).OpenAsync(default);
        await _store.Journal(run1, false, 0, 8).AppendAsync(Stored("m0"), default);
        Assert.Equal(["m0"], (await _store.ReadActionsAsync(run1, false, 0, 8, default)).Keys);
        Assert.Equal(9, (await _store.ReadAllActionsAsync(run1, false, default)).Count);
        Assert.Empty(await _store.ReadAllActionsAsync(run1, true, default));
    }

    [Fact]
    public async Task Timeline_segments_read_back_in_order()
    {
        var run2 = "t-" + Guid.NewGuid().ToString("N")[..8];
        await _store.WriteTimelineAsync(run2, 1, [new TimelineEntry(DateTime.UnixEpoch.AddSeconds(2), "b")], default);
        await _store.WriteTimelineAsync(run2, 0, [new TimelineEntry(DateTime.UnixEpoch, "a")], default);
        await _store.WriteTimelineAsync(run2, 1, [new TimelineEntry(DateTime.UnixEpoch.AddSeconds(2), "b")], default); // redelivered
        var (entries, segments) = await _store.ReadTimelineAsync(run2, default);
        Assert.Equal(["a", "b"], entries.Select(e => e.Event));
        Assert.Equal(2, segments);
    }

    [Fact]
    public async Task A_lock_that_keeps_changing_hands_is_reported_as_contended_not_thrown()
    {
        var key = "inventory/" + Guid.NewGuid().ToString("N")[..8];
        var locks = new RolloutLocks(_clients, NullLogger<RolloutLocks>.Instance);
        Assert.True((await locks.AcquireAsync(key, "first", (_, _) => Task.FromResult(true), default)).IsAcquired);
        var changes = 0;
        // Each time the contender looks, the holder has ended, and another starter takes the lock before it can.
        async Task<bool> Ended(string holder, DateTimeOffset since)
        {
            await _clients.Blobs.GetBlobContainerClient(RolloutLocks.ContainerName).GetBlobClient(key)
                .UploadAsync(new BinaryData($"other-{++changes}"), overwrite: true);
            return false;
        }
        var attempt = await locks.AcquireAsync(key, "contender", Ended, default);
        Assert.True(attempt.IsContended);
        Assert.False(attempt.IsAcquired);
        Assert.Equal(RolloutLocks.MaxAttempts, changes);

        var held = await locks.AcquireAsync(key, "third", (_, _) => Task.FromResult(true), default);
        Assert.Equal($"other-{changes}", held.Holder);
    }
}
