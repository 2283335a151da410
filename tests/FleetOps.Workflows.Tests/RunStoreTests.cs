using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Testing;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Configuration;

namespace FleetOps.Workflows.Tests;

/// <summary>The run's blobs on a real Azurite: deterministic names, idempotent writes, ordered reads.</summary>
public sealed class RunStoreTests : IAsyncLifetime
{
    private Azurite _storage = null!;
    private RunStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _storage.ConnectionString }).Build();
        _store = new RunStore(StorageClients.FromConfiguration(configuration));
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

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
        Assert.Equal("run1/batches/00003.json", RunStore.BatchBlob("run1", 3));
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
}
