using FleetOps.Api;
using System.Text.Json.Nodes;
using FleetOps.Simulator;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.RolloutKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// Cancel, pause and approval take effect within seconds whatever the rollout waits for: a long gate interval, a chunk
/// of slow actions in flight. Through the self-host's HTTP API, on Azurite, against a simulated fleet.
/// </summary>
public sealed class RolloutControlTests(SelfHostEnvironment env, ITestOutputHelper output) : IClassFixture<SelfHostEnvironment>
{
    /// <summary>Two nodes, the second unhealthy once changed: the gate waits <paramref name="interval"/> s between rounds.</summary>
    private static async Task<(SimulatedFleet Fleet, string Json)> LongGateAsync(int interval)
    {
        var fleet = await FleetAsync(2);
        fleet.SetActionBehaviour(fleet.Nodes[1].Name, unhealthyAfter: true);
        return (fleet, Request(fleet, r =>
        {
            r["waves"] = Array("100%");
            r["gate"]!["intervalSeconds"] = interval;
            r["gate"]!["deadlineSeconds"] = 3600;
        }));
    }

    private Task<JsonNode> InGateAsync(string id) =>
        env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(60),
            r => r["rollout"]?["waitingFor"]?.GetValue<string>() == "gate" || r["runtimeStatus"]!.GetValue<string>() is "Completed" or "Failed" or "Terminated");

    [Fact]
    public async Task Cancel_during_a_long_gate_interval_ends_the_rollout_within_seconds()
    {
        var (fleet, json) = await LongGateAsync(interval: 120);
        await using var _ = fleet;
        var id = await env.Api.StartRolloutAsync(json);
        await InGateAsync(id);
        await Task.Delay(1500); // the first round is done: the gate sleeps 120 s now
        using (var cancel = await env.Api.SendAsync(Routes.CancelRun, [id]))
            Assert.Equal(202, (int)cancel.StatusCode);
        // Far less than the 120 s interval the gate is sleeping.
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(20));
        output.WriteLine(run.ToJsonString());
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("cancelled", State(run));
        Assert.Equal("cancelled", Events(await env.Api.GetReportAsync(id)).Last());
    }

    [Fact]
    public async Task Pause_during_a_long_gate_interval_takes_effect_and_cancel_still_ends_it()
    {
        var (fleet, json) = await LongGateAsync(interval: 120);
        await using var _ = fleet;
        var id = await env.Api.StartRolloutAsync(json);
        await InGateAsync(id);
        await Task.Delay(1500);
        var (status, _) = await env.Api.ControlAsync(id, "pause", new { by = "frank" });
        Assert.Equal(202, status);
        var paused = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(20), r => r["runtimeStatus"]!.GetValue<string>() == "Suspended");
        Assert.Equal("paused", State(paused));
        using (var cancel = await env.Api.SendAsync(Routes.CancelRun, [id]))
            Assert.Equal(202, (int)cancel.StatusCode);
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(20));
        Assert.Equal("cancelled", State(run));
        var events = Events(await env.Api.GetReportAsync(id));
        Assert.Contains("paused", events);
        Assert.Contains("cancel-requested", events);
    }

    [Fact]
    public async Task Pause_stops_a_chunk_in_flight_from_starting_more_nodes_and_resume_sends_each_node_once()
    {
        // Concurrency 2: one chunk of 8 nodes, 2 at a time, 2 s each: 8 s for the chunk.
        await using var fleet = await FleetAsync(8, TimeSpan.FromSeconds(2));
        var id = await env.Api.StartRolloutAsync(Request(fleet, r => { r["waves"] = Array("100%"); r["concurrency"] = 2; }));
        await UntilAsync(() => fleet.Applied() >= 1, 30, "the chunk under way");
        var (status, _) = await env.Api.ControlAsync(id, "pause", new { by = "gina" });
        Assert.Equal(202, status);
        await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(20), r => r["runtimeStatus"]!.GetValue<string>() == "Suspended");

        var settled = await SettledAsync(fleet, quiet: TimeSpan.FromSeconds(4));
        output.WriteLine($"{settled} of 8 nodes changed after the pause");
        // The pairs in flight finish; the chunk starts no more (before, it ran all 8).
        Assert.True(settled <= 4, $"{settled} nodes changed: the chunk kept starting nodes while paused");

        (status, _) = await env.Api.ControlAsync(id, "resume", new { by = "gina" });
        Assert.Equal(202, status);
        var run = await env.Api.WaitForEndAsync(id, seconds: 90);
        Assert.Equal("completed", State(run));
        Assert.Equal(8, run["rollout"]!["nodesDone"]!.GetValue<int>());
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name)));
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionDeliveries(n.Name)));
    }

    [Fact]
    public async Task Cancel_during_a_chunk_in_flight_shows_cancelled_at_once_and_starts_no_more_nodes()
    {
        // One chunk of 8 nodes, 2 at a time, 3 s each: 12 s for the chunk.
        await using var fleet = await FleetAsync(8, TimeSpan.FromSeconds(3));
        var id = await env.Api.StartRolloutAsync(Request(fleet, r => { r["waves"] = Array("100%"); r["concurrency"] = 2; }));
        await UntilAsync(() => fleet.Applied() >= 1, 30, "the chunk under way");
        using (var cancel = await env.Api.SendAsync(Routes.CancelRun, [id]))
            Assert.Equal(202, (int)cancel.StatusCode);
        var cancelled = await env.Api.WaitForStateAsync(id, "cancelled", seconds: 8);
        Assert.Equal("cancelled", State(cancelled));

        var run = await env.Api.WaitForEndAsync(id, seconds: 60);
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        var applied = fleet.Applied();
        output.WriteLine($"{applied} of 8 nodes changed: {run["rollout"]!.ToJsonString()}");
        Assert.True(applied <= 4, $"{applied} nodes changed after the cancel");
        // What was done is counted: every changed node is in the progress and the report.
        Assert.Equal(applied, run["rollout"]!["nodesDone"]!.GetValue<int>());
        var report = await env.Api.GetReportAsync(id);
        Assert.Equal(applied, report["nodes"]!.AsArray().Count(n => n!["action"] is { } a && a["ok"]!.GetValue<bool>()));
    }

    /// <summary>The applied count once it has not moved for <paramref name="quiet"/>.</summary>
    private static async Task<long> SettledAsync(SimulatedFleet fleet, TimeSpan quiet)
    {
        var (last, since) = (fleet.Applied(), DateTime.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow - since < quiet)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the actions did not settle");
            await Task.Delay(100);
            var now = fleet.Applied();
            if (now != last) (last, since) = (now, DateTime.UtcNow);
        }
        return last;
    }
}
