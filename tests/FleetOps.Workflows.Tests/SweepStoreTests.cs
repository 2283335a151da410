using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Tests.Storage;
using FleetOps.Workflows.Sweeps;

namespace FleetOps.Workflows.Tests;

/// <summary>The run's blobs on a real Azurite: deterministic names, idempotent writes, ordered reads.</summary>
public sealed class SweepStoreTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private readonly SweepStore _store = new(storage.Clients);

    private static TargetResult Result(string name, bool ok) =>
        new(name, "127.0.0.1:1", ok, 1.5, [new CheckResult("tcp", "tcp", ok, 1.5, 1, Error: ok ? null : new ProbeError(ErrorKind.Refused, "refused"))]);

    [Fact]
    public async Task Batches_round_trip_with_their_checks()
    {
        var tasks = new List<ProbeTask> { new(new Target("a", "h:1", new Dictionary<string, string> { ["group"] = "web" }), [new HttpCheck { Path = "/health", ExpectStatus = [204] }]) };
        await _store.WriteBatchAsync("run1", 3, tasks, default);
        var read = await _store.ReadBatchAsync("run1", 3, default);
        Assert.Equal("web", read[0].Target.Labels!["group"]);
        Assert.Equal([204], Assert.IsType<HttpCheck>(read[0].Checks[0]).ExpectStatus!);
        Assert.Equal("run1/batches/00003.json", SweepStore.BatchBlob("run1", 3));
    }

    [Fact]
    public async Task Results_are_absent_until_written_and_a_rewrite_replaces_not_duplicates()
    {
        Assert.Null(await _store.TryReadResultsAsync("run2", 0, default));
        await _store.WriteResultsAsync("run2", 0, [Result("a", true)], default);
        await _store.WriteResultsAsync("run2", 0, [Result("a", false)], default);
        var all = new List<TargetResult>();
        await foreach (var batch in _store.ReadAllResultsAsync("run2", default)) all.AddRange(batch);
        Assert.False(Assert.Single(all).Ok);
        Assert.Equal(ErrorKind.Refused, all[0].Checks[0].Error!.Kind);
    }

    [Fact]
    public async Task All_results_come_back_in_batch_order_whatever_the_write_order()
    {
        foreach (var i in new[] { 11, 2, 0, 10, 1 })
            await _store.WriteResultsAsync("run3", i, [Result($"t{i}", true)], default);
        await _store.WriteResultsAsync("run3-other", 0, [Result("other", true)], default);
        var names = new List<string>();
        await foreach (var batch in _store.ReadAllResultsAsync("run3", default)) names.AddRange(batch.Select(r => r.Name));
        Assert.Equal(["t0", "t1", "t2", "t10", "t11"], names);
    }

    [Fact]
    public async Task The_first_stored_request_of_a_run_is_the_one_it_runs()
    {
        var runId = "req-" + Guid.NewGuid().ToString("N")[..8];
        SweepRequest Request(string name) => new() { Name = name, Targets = [new TargetSpec { Name = "a", Address = "127.0.0.1:1" }], Checks = [new TcpCheck()] };
        Assert.True(await _store.TryCreateRequestAsync(runId, Request("first"), default));
        Assert.False(await _store.TryCreateRequestAsync(runId, Request("second"), default));
        var stored = await _store.ReadRequestAsync(runId, default);
        Assert.Equal("first", stored.Name);
        Assert.Equal("tcp", stored.Checks![0].Kind);
    }
}
