using System.Diagnostics;
using FleetOps.Testing;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.RolloutKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>kill -9 of the self-host in the middle of a rollout's wave: the restarted host finishes it, every node changed exactly once.</summary>
public sealed class RolloutCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Killed_host_restarts_and_every_node_applied_the_action_exactly_once()
    {
        // Slow actions (300 ms) and concurrency 2: wave 2 (18 nodes, chunks of 8) takes about 3 s, long enough to be killed in.
        await using var fleet = await FleetAsync(20, TimeSpan.FromMilliseconds(300));
        var hub = "rcrash" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string?> { ["FleetOps__Engine__MaxConcurrentActivities"] = "2" };
        var port = FreePorts.Next();
        string id;
        long appliedAtKill;
        await using (var first = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, environment))
        {
            var api = new RunsClient(first.CreateClient());
            id = await api.StartRolloutAsync(Request(fleet, r => { r["waves"] = Array(2, "100%"); r["concurrency"] = 2; }));
            await UntilAsync(() => fleet.Applied() >= 5, 60, "wave 2 under way");
            first.Process.KillHard();
            appliedAtKill = fleet.Applied();
            output.WriteLine($"killed with {appliedAtKill} of 20 nodes changed");
            Assert.True(appliedAtKill < 20, "the rollout finished before the kill: the test proves nothing");
        }

        var restarted = Stopwatch.StartNew();
        await using var second = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, environment);
        var api2 = new RunsClient(second.CreateClient());
        var run = await api2.WaitForEndAsync(id, seconds: 150);
        output.WriteLine($"recovered: ended {restarted.Elapsed.TotalSeconds:0.0} s after restart: {run["rollout"]!.ToJsonString()}");
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("completed", State(run));
        Assert.Equal(20, run["rollout"]!["nodesDone"]!.GetValue<int>());

        var applied = fleet.Nodes.ToDictionary(n => n.Name, n => fleet.ActionsApplied(n.Name, ActionPath));
        var deliveries = fleet.Nodes.ToDictionary(n => n.Name, n => fleet.ActionDeliveries(n.Name));
        output.WriteLine($"applied per node: {string.Join(" ", applied.Values)} (total {applied.Values.Sum()})");
        output.WriteLine($"deliveries per node: {string.Join(" ", deliveries.Values)} (total {deliveries.Values.Sum()}; " +
                         $"{deliveries.Count(d => d.Value > 1)} nodes got the action more than once)");
        Assert.All(applied, a => Assert.True(a.Value == 1, $"{a.Key} applied the action {a.Value} times"));
        Assert.All(deliveries, d => Assert.True(d.Value >= 1));

        var report = await api2.GetReportAsync(id);
        Assert.All(report["nodes"]!.AsArray(), n => Assert.True(n!["action"]!["ok"]!.GetValue<bool>()));
        Assert.Equal("completed", Events(report).Last());
    }
}
