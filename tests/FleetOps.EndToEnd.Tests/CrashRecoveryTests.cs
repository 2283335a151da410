using System.Diagnostics;
using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>kill -9 of the self-host in the middle of a sweep: the restarted host finishes it with one result per target.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Killed_host_restarts_and_completes_the_sweep_with_exactly_one_result_per_target()
    {
        const int nodes = 500;
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = nodes, Slow = 0.2, Down = 0.05, WrongStatus = 0.05, SlowDelay = TimeSpan.FromMilliseconds(400),
        });
        var hub = "crash" + Guid.NewGuid().ToString("N")[..8];
        // Few activity slots and small batches: the sweep takes long enough to be killed in the middle.
        var environment = new Dictionary<string, string?> { ["FleetOps__Engine__MaxConcurrentActivities"] = "2" };
        var port = FreePorts.Next();
        string id;
        await using (var first = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, environment))
        {
            var api = new RunsClient(first.CreateClient());
            id = await api.StartSweepAsync(NamedSweep.Json(fleet.Nodes, new { batchSize = 10, concurrency = 4 }));
            var midway = await api.WaitForRunAsync(id, TimeSpan.FromSeconds(120), r => r["progress"]?["batchesDone"]?.GetValue<int>() >= 5);
            first.Process.KillHard();
            output.WriteLine($"killed at {midway["progress"]!.ToJsonString()}");
            Assert.True(midway["progress"]!["batchesDone"]!.GetValue<int>() < midway["progress"]!["batchesTotal"]!.GetValue<int>(), "the sweep finished before the kill: the test proves nothing");
        }

        var restarted = Stopwatch.StartNew();
        await using var second = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, environment);
        var api2 = new RunsClient(second.CreateClient());
        var run = await api2.WaitForRunAsync(id, TimeSpan.FromMinutes(4));
        output.WriteLine($"recovered: completed {restarted.Elapsed.TotalSeconds:0.0} s after restart");
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());

        var results = (await api2.GetReportAsync(id))["results"]!.AsArray();
        Assert.Equal(nodes, results.Count);
        Assert.Equal(fleet.Nodes.Select(n => n.Name).Order(), results.Select(r => r!["name"]!.GetValue<string>()).Order());
        foreach (var result in results)
        {
            var name = result!["name"]!.GetValue<string>();
            var expectOk = SweepOverHttpTests.Expected(fleet.ExpectedFault(name)).Ok;
            Assert.Equal(expectOk, result["ok"]!.GetValue<bool>());
            if (expectOk) Assert.True(SweepOverHttpTests.NamesChecked(result), $"{name}: the node's name was not checked: {result.ToJsonString()}");
        }
        Assert.Equal(nodes, run["summary"]!["ok"]!.GetValue<int>() + run["summary"]!["failed"]!.GetValue<int>());
    }
}
