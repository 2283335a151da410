using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>kill -9 of the self-host while a monitor runs: the restarted host carries on with the same state, and no alert goes out twice under a new id.</summary>
public sealed class MonitorCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_killed_host_restarts_the_monitor_continues_from_its_stored_state_and_alerts_each_change_once()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 5 });
        var (hub, port, name) = ("mcrash" + Guid.NewGuid().ToString("N")[..8], FreePorts.Next(), MonitorKit.Name("crash"));
        await using var alerts = await AlertInbox.StartAsync(_storage.ConnectionString);
        var node = fleet.Nodes[2].Name;
        long cycleAtKill;
        await using (var first = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, MonitorKit.Settings))
        {
            var api = first.CreateApi();
            await alerts.DefineNotifierAsync(api);
            await api.Client.PutMonitorAsync(name, MonitorKit.Definition(MonitorKit.Targets(fleet), interval: "1s", failureThreshold: 2).ToJsonString());
            fleet.SetFault(node, NodeFault.Down);
            await MonitorKit.UntilAsync(async () => (await alerts.ReadAsync(name, node)).FirstOrDefault(), TimeSpan.FromSeconds(60), $"{node} down alert");
            // Mid-monitor: cycles run every second, so the kill lands in or between the steps of one.
            cycleAtKill = (await api.Client.GetMonitorAsync(name))!["runtime"]!["cycle"]!.GetValue<long>();
            first.Process.KillHard();
        }
        output.WriteLine($"killed at cycle {cycleAtKill}");

        await using var second = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, MonitorKit.Settings);
        var api2 = second.CreateApi();
        var resumed = await MonitorKit.CyclesAsync(api2, name, 3, TimeSpan.FromSeconds(90));
        Assert.True(resumed["runtime"]!["cycle"]!.GetValue<long>() > cycleAtKill);
        Assert.Equal((4, 1), (resumed["counts"]!["up"]!.GetValue<int>(), resumed["counts"]!["down"]!.GetValue<int>())); // state carried over, not re-learnt

        fleet.SetFault(node, NodeFault.None);
        await MonitorKit.UntilAsync(async () => (await alerts.ReadAsync(name, node)).Select(m => m["alert"]!.Str("kind")).Contains("up") ? "" : null,
            TimeSpan.FromSeconds(60), $"{node} up alert");
        await MonitorKit.CyclesAsync(api2, name, 2, TimeSpan.FromSeconds(60));

        // A planner redelivered across the kill may enqueue an alert again, under the same id: delivery de-duplicates on
        // it, and a re-send (the kill between a send and its mark) carries the same Idempotency-Key. The receiver counts.
        var queued = await alerts.ReadAsync(name);
        output.WriteLine(string.Join("\n", queued.Select(m => m.ToJsonString())));
        Assert.All(queued, m => Assert.Equal(node, m["alert"]!.Str("target")));
        Assert.Equal(["down", "up"], queued.Select(m => m["alert"]!.Str("kind")).Distinct());
        Assert.Equal(2, queued.Select(m => m["alert"]!.Str("id")).Distinct().Count());
        Assert.All(queued, m => Assert.Equal(m["alert"]!.Str("id"), m.Str("idempotencyKey")));
        var events = await MonitorKit.EventsAsync(api2, name);
        Assert.Equal(["down", "up"], events.Of("state-changed", node).Select(e => e.Str("to")));
        Assert.Equal(["down", "up"], events.Of("alert-sent", node).Select(e => e.Str("alert")));
    }
}
