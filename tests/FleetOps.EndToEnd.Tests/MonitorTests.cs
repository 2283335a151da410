using System.Text.Json.Nodes;
using FleetOps.Simulator;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Monitors through the self-host over a simulated fleet whose faults change at run time: thresholds, flaps, maintenance, gateways.</summary>
public sealed partial class MonitorTests(MonitorHostEnvironment env, ITestOutputHelper output) : IClassFixture<MonitorHostEnvironment>
{
    [Fact]
    public async Task A_node_down_alerts_once_after_the_failure_threshold_and_once_up_after_the_success_threshold_and_a_flap_alerts_never()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 30 });
        var name = MonitorKit.Name("edge");
        var put = await env.Api.Client.PutMonitorAsync(name, MonitorKit.Definition(MonitorKit.Targets(fleet)).ToJsonString());
        Assert.True(put["created"]!.GetValue<bool>());
        var (down, flap) = (fleet.Nodes[17].Name, fleet.Nodes[25].Name);

        // Everything up first (the first up of a new target says nothing).
        await MonitorKit.UntilAsync(async () => (await env.Api.Client.GetMonitorAsync(name)) is { } m && m["counts"]!["up"]!.GetValue<int>() == 30 ? m : null,
            TimeSpan.FromSeconds(60), "all 30 targets up");

        fleet.SetFault(down, NodeFault.Down);
        fleet.SetFault(flap, NodeFault.Down);
        await Task.Delay(1500); // shorter than one interval: at most 2 cycles see it, below the threshold of 3
        fleet.SetFault(flap, NodeFault.None);
        var changed = await MonitorKit.UntilAsync(async () =>
            (await MonitorKit.EventsAsync(env.Api, name)).Of("state-changed", down).FirstOrDefault(), TimeSpan.FromSeconds(60), $"{down} down");
        Assert.Equal("down", changed.Str("to"));

        fleet.SetFault(down, NodeFault.None);
        await MonitorKit.UntilAsync(async () =>
            (await MonitorKit.EventsAsync(env.Api, name)).Of("state-changed", down).Skip(1).FirstOrDefault(), TimeSpan.FromSeconds(60), $"{down} up again");
        await MonitorKit.CyclesAsync(env.Api, name, 3, TimeSpan.FromSeconds(60));

        var events = await MonitorKit.EventsAsync(env.Api, name);
        output.WriteLine(string.Join("\n", events.Select(e => e.ToJsonString())));
        Assert.Equal(["down", "up"], events.Of("state-changed", down).Select(e => e.Str("to")));
        var alerts = events.Of("alert-sent", down).ToList();
        Assert.Equal(["down", "up"], alerts.Select(e => e.Str("alert")));
        Assert.Equal(2, alerts.Select(a => a.Str("alertId")).Distinct().Count());
        Assert.All(alerts, a => Assert.Equal(["ops"], a["notifiers"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.DoesNotContain(events, e => e.Str("target") == flap);

        // Delivered: exactly one signed webhook per alert, with the ids the events name, and none for the flap.
        var queued = await env.Alerts.ReadAsync(name, down);
        Assert.Equal(["down", "up"], queued.Select(m => m["alert"]!.Str("kind")));
        Assert.Equal(alerts.Select(a => a.Str("alertId")), queued.Select(m => m["alert"]!.Str("id")));
        Assert.All(queued, m => Assert.Equal(m["alert"]!.Str("id"), m.Str("idempotencyKey")));
        Assert.Equal("tcp", queued[0]["alert"]!.Str("failingCheck"));
        Assert.Empty(await env.Alerts.ReadAsync(name, flap));

        var targets = await env.Api.Client.GetMonitorTargetsAsync(name, limit: 1000);
        Assert.Equal(30, targets["targets"]!.AsArray().Count);
        var row = targets["targets"]!.AsArray().Single(t => t!.Str("name") == down)!;
        Assert.Equal(("up", "down"), (row.Str("state"), row.Str("previous")));
        var uptime = await env.Api.Client.GetMonitorUptimeAsync(name, "1h");
        var downUptime = uptime["targets"]!.AsArray().Single(t => t!.Str("name") == down)!["uptime"]!;
        Assert.InRange(downUptime["uptimePercent"]!.GetValue<double>(), 1, 99.9);
        Assert.Equal(100, uptime["targets"]!.AsArray().Single(t => t!.Str("name") == fleet.Nodes[0].Name)!["uptime"]!["uptimePercent"]!.GetValue<double>());
    }
}
