using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>A self-host whose monitors may run a second apart, exporting the inventory label "group" on per-target series.</summary>
public sealed class TargetMetricsEnvironment : SelfHostEnvironment
{
    protected override IDictionary<string, string?> HostEnvironment => new Dictionary<string, string?>(MonitorKit.Settings)
    {
        ["FleetOps__Metrics__TargetLabels__0"] = "group",
        ["FleetOps__Metrics__QueueDepthRefresh"] = "00:00:01",
    };
}

/// <summary>A real Prometheus scrapes the self-host's per-target series while a monitor watches a simulated fleet.</summary>
public sealed class TargetMetricsTests(TargetMetricsEnvironment env, ITestOutputHelper output) : IClassFixture<TargetMetricsEnvironment>
{
    [Fact]
    public async Task Probe_success_per_monitored_target_is_what_the_simulator_dictates_with_its_group_label()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 6 });
        var down = new HashSet<string> { fleet.Nodes[1].Name, fleet.Nodes[4].Name };
        foreach (var name in down) fleet.SetFault(name, NodeFault.Down);
        var group = fleet.Nodes.ToDictionary(n => n.Name, n => fleet.Nodes.ToList().IndexOf(n) % 2 == 0 ? "web" : "db");
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{env.Host.Port}");

        var monitor = MonitorKit.Name("metrics");
        var definition = MonitorKit.Definition(MonitorKit.Targets(fleet, n => new Dictionary<string, string> { ["group"] = group[n.Name], ["secret_label"] = "x" }),
            interval: "1s", failureThreshold: 1, successThreshold: 1);
        definition.Remove("notifiers");
        await env.Api.Client.PutMonitorAsync(monitor, definition.ToJsonString());

        var expected = fleet.Nodes.ToDictionary(n => n.Name, n => down.Contains(n.Name) ? 0.0 : 1.0);
        await UntilAsync(prometheus, $"probe_success{{monitor=\"{monitor}\"}}", expected, group);

        var errors = await prometheus.QueryAsync($"fleetops_probe_error{{monitor=\"{monitor}\",error_kind!=\"none\"}}");
        Assert.Equal(down.Order(), errors.Select(e => e.Labels["target"]!.GetValue<string>()).Order());
        Assert.All(errors, e => Assert.Equal("refused", e.Labels["error_kind"]!.GetValue<string>()));
        Assert.Equal(6, (await prometheus.QueryAsync($"probe_duration_seconds{{monitor=\"{monitor}\"}}")).Count);
        Assert.All(await prometheus.QueryAsync($"probe_success{{monitor=\"{monitor}\"}}"), s => Assert.Null(s.Labels["secret_label"]));
        // Every request queue and its poison queue, read from storage in the background (none waits: 0).
        var queues = await MonitorKit.UntilAsync(async () => await prometheus.QueryAsync("fleetops_queue_depth") is { Count: 8 } q ? q : null,
            TimeSpan.FromSeconds(30), "fleetops_queue_depth for 8 queues");
        Assert.Contains(queues, q => q.Labels["queue"]!.GetValue<string>() == "alert-deliveries-poison" && q.Value == 0);

        // The latest cycle counts: a node brought back reads 1, and its error kind is none again.
        fleet.SetFault(fleet.Nodes[1].Name, NodeFault.None);
        expected[fleet.Nodes[1].Name] = 1;
        await UntilAsync(prometheus, $"probe_success{{monitor=\"{monitor}\"}}", expected, group);
        var left = await prometheus.QueryAsync($"fleetops_probe_error{{monitor=\"{monitor}\",error_kind!=\"none\"}}");
        Assert.Equal([fleet.Nodes[4].Name], left.Select(e => e.Labels["target"]!.GetValue<string>()));
        await env.Api.Client.DeleteMonitorAsync(monitor);
    }

    private async Task UntilAsync(PrometheusServer prometheus, string promql, Dictionary<string, double> expected, Dictionary<string, string> group)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var samples = await prometheus.QueryAsync(promql);
            var seen = samples.ToDictionary(s => s.Labels["target"]!.GetValue<string>(), s => s.Value);
            var groupsRight = samples.All(s => s.Labels["group"]?.GetValue<string>() == group[s.Labels["target"]!.GetValue<string>()]);
            if (groupsRight && seen.Count == expected.Count && expected.All(e => seen.GetValueOrDefault(e.Key, -1) == e.Value))
            {
                output.WriteLine(string.Join("\n", samples.Select(s => $"{s.Labels.ToJsonString()} {s.Value}")));
                return;
            }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{promql}: {await prometheus.TargetHealthAsync()}; seen {string.Join(", ", seen.Select(s => $"{s.Key}={s.Value}"))}");
            await Task.Delay(500);
        }
    }
}
