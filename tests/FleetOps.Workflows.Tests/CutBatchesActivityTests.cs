using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Sweeps;
using FleetOps.Workflows.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Workflows.Tests;

/// <summary>The sweep's first activity cuts the stored request into the batches the run was planned with; a redelivery changes nothing.</summary>
public sealed class CutBatchesActivityTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task A_stored_request_is_cut_into_the_planned_batches_the_same_way_every_delivery()
    {
        var store = new SweepStore(storage.Clients);
        var activity = new CutBatchesActivity(store, NullLogger<CutBatchesActivity>.Instance);
        var runId = "cut-" + Guid.NewGuid().ToString("N")[..8];
        await store.TryCreateRequestAsync(runId, new SweepRequest
        {
            Targets = Enumerable.Range(0, 20).Select(i => new TargetSpec { Name = $"t{i}", Address = $"127.0.0.1:{1000 + i}" }).ToList(),
            Checks = [new TcpCheck()],
        }, default);

        Assert.Equal(3, await activity.ExecuteAsync(new CutBatchesInput(runId, 7, 3), default));
        Assert.Equal(3, await activity.ExecuteAsync(new CutBatchesInput(runId, 7, 3), default));

        var names = new List<string>();
        for (var b = 0; b < 3; b++) names.AddRange((await store.ReadBatchAsync(runId, b, default)).Select(t => t.Target.Name));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"t{i}"), names);
        Assert.Equal("tcp", (await store.ReadBatchAsync(runId, 2, default))[0].Checks[0].Kind);

        // A run that expects another count must not probe a different cut.
        await Assert.ThrowsAsync<InvalidOperationException>(() => activity.ExecuteAsync(new CutBatchesInput(runId, 7, 4), default));
    }
}
