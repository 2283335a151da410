using System.Text.Json.Nodes;
using FleetOps.Api.Tests.Support;
using FleetOps.Core.Contracts;
using FleetOps.Testing;
using FleetOps.Workflows.Inventories;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace FleetOps.Api.Tests;

/// <summary>
/// POST /api/sweeps does a fixed amount of storage work, whatever the fleet: the request is stored once and the
/// orchestration cuts the batches. Measured by counting the storage requests the handler sends.
/// </summary>
public sealed class SweepStartCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private InProcessEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await InProcessEngine.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private static string Sweep(int targets, int batchSize, int closedPort) => new JsonObject
    {
        ["targets"] = new JsonArray(Enumerable.Range(0, targets).Select(i => (JsonNode)new JsonObject { ["name"] = $"t{i}", ["address"] = $"127.0.0.1:{closedPort}" }).ToArray()),
        ["checks"] = new JsonArray(new JsonObject { ["kind"] = "tcp" }),
        ["options"] = new JsonObject { ["batchSize"] = batchSize, ["timeoutMs"] = 2000 },
    }.ToJsonString();

    [Fact]
    public async Task Starting_3000_targets_costs_the_storage_requests_of_starting_100_and_every_target_gets_one_result()
    {
        var counter = new CountingStorage();
        var storage = counter.Clients(_engine.Storage.ConnectionString);
        var runs = new RunsApi(
            new SweepStarter(new SweepStore(storage), new RunIndex(storage, TimeProvider.System), new FleetOps.Workflows.Telemetry.FleetOpsMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<SweepStarter>.Instance),
            new SweepRequestParser(new TargetSource(new InventoryStore(storage, new ParsedInventoryCache())), SweepLimits.Default),
            _engine.Services.GetRequiredService<RunListing>());
        var client = _engine.Engine.Client;
        var port = FreePorts.Next();

        async Task<(string Id, int Requests)> StartAsync(int targets)
        {
            var before = counter.Requests;
            var response = await runs.StartSweepAsync(Http.Request("POST", "/api/sweeps", Sweep(targets, batchSize: 30, port)), client, default);
            Assert.Equal(202, response.Status);
            return (((RunAccepted)response.Value!).Id, counter.Requests - before);
        }

        await StartAsync(10); // the first use creates the container and the table
        var small = await StartAsync(100);
        var large = await StartAsync(3_000);

        output.WriteLine($"storage requests of one POST: {small.Requests} for 100 targets, {large.Requests} for 3,000 targets");
        Assert.Equal(small.Requests, large.Requests);
        Assert.InRange(large.Requests, 1, 4);

        foreach (var (id, targets) in new[] { (small.Id, 100), (large.Id, 3_000) })
        {
            var run = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
            var names = new List<string>();
            await foreach (var batch in _engine.Services.GetRequiredService<SweepStore>().ReadAllResultsAsync(id, default)) names.AddRange(batch.Select(r => r.Name));
            Assert.Equal(targets, names.Count);
            Assert.Equal(targets, names.Distinct().Count());
        }
    }

    [Fact]
    public async Task One_target_per_batch_and_per_chunk_over_3000_targets_is_a_400_naming_both_options_and_starts_nothing()
    {
        var runs = _engine.Services.GetRequiredService<RunsApi>();
        var json = JsonNode.Parse(Sweep(3_000, batchSize: 1, FreePorts.Next()))!;
        json["options"]!["chunkBatches"] = 1;
        json["requestId"] = "fanout-" + Guid.NewGuid().ToString("N");

        var (status, body) = await Http.ReadAsync(await runs.StartSweepAsync(Http.Request("POST", "/api/sweeps", json.ToJsonString()), _engine.Engine.Client, default));

        Assert.Equal(400, status);
        var fields = body!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("options.batchSize", fields);
        Assert.Contains("options.chunkBatches", fields);
        Assert.Null(await _engine.Engine.Client.GetInstanceAsync(json["requestId"]!.GetValue<string>()));
    }
}
