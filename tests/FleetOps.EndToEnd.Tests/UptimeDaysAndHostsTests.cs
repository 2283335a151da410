using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Simulator;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// The dashboard's two lists through a real self-host: a monitor's uptime per day (a page of targets by name, today
/// counted from live cycles) and an inventory's hosts (paged, filtered by a selector), with bad queries as 400s.
/// </summary>
public sealed class UptimeDaysAndHostsTests(MonitorHostEnvironment env, ITestOutputHelper output) : IClassFixture<MonitorHostEnvironment>
{
    [Fact]
    public async Task A_monitors_uptime_per_day_pages_its_targets_by_name_and_counts_today_from_its_cycles()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 5 });
        var down = fleet.Nodes[3].Name;
        fleet.SetFault(down, NodeFault.Down);
        var name = MonitorKit.Name("bars");
        await env.Api.Client.PutMonitorAsync(name, MonitorKit.Definition(MonitorKit.Targets(fleet), failureThreshold: 1, successThreshold: 1).ToJsonString());
        await MonitorKit.CyclesAsync(env.Api, name, 2, TimeSpan.FromSeconds(60));

        var first = await env.Api.Client.GetMonitorUptimeDaysAsync(name, days: 3, limit: 3);
        var second = await env.Api.Client.GetMonitorUptimeDaysAsync(name, days: 3, limit: 3, continuationToken: first.Str("continuationToken"));
        output.WriteLine(first.ToJsonString());
        Assert.Null(second["continuationToken"]);
        var targets = first["targets"]!.AsArray().Concat(second["targets"]!.AsArray()).Select(t => t!).ToList();
        Assert.Equal(fleet.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal), targets.Select(t => t.Str("name")));
        var dates = first["dates"]!.AsArray();
        Assert.Equal(3, dates.Count);
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), dates[2]!.GetValue<string>());
        foreach (var target in targets)
        {
            var (uptime, cycles) = (target["uptimePercent"]!.AsArray(), target["cycles"]!.AsArray());
            Assert.Equal(3, uptime.Count);
            Assert.True(cycles[2]!.GetValue<long>() >= 2);
            Assert.Equal(target.Str("name") == down ? 0 : 100, uptime[2]!.GetValue<double>());
            Assert.All(uptime.Take(2), Assert.Null); // a new monitor has no earlier days
            Assert.Equal([0L, 0L], cycles.Take(2).Select(c => c!.GetValue<long>()));
        }

        using var bad = await env.Api.SendAsync(Routes.GetMonitorUptimeDays, [name], query: [new(MonitorStateApi.DaysQuery, "91")]);
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal("days", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]![0]!.Str("field"));
        await env.Api.Client.DeleteMonitorAsync(name);
    }

    [Fact]
    public async Task An_inventorys_hosts_come_in_pages_and_a_selector_keeps_the_ones_it_picks()
    {
        var name = MonitorKit.Name("hosts");
        await env.Api.Client.PutInventoryAsync(name,
            "[web]\nweb-1 ansible_host=127.0.0.1 zone=a\nweb-2 ansible_host=127.0.0.2 zone=b\nweb-3 ansible_host=127.0.0.3 zone=a\n[db]\ndb-1 ansible_host=127.0.0.4 zone=a\n",
            "ansible-ini");
        var first = await env.Api.Client.ListInventoryHostsAsync(name, selector: "zone=a", limit: 2);
        var second = await env.Api.Client.ListInventoryHostsAsync(name, selector: "zone=a", limit: 2, continuationToken: first.Str("continuationToken"));
        var hosts = first["hosts"]!.AsArray().Concat(second["hosts"]!.AsArray()).Select(h => h!).ToList();
        Assert.Equal(["web-1", "web-3", "db-1"], hosts.Select(h => h.Str("name")));
        Assert.Equal("127.0.0.4", hosts[2].Str("address"));
        Assert.Contains("db", hosts[2]["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("a", hosts[2]["labels"]!["zone"]!.GetValue<string>());
        Assert.Null(second["continuationToken"]);

        using var bad = await env.Api.SendAsync(Routes.ListInventoryHosts, [name], query: [new(InventoriesApi.SelectorQuery, "zone in (a")]);
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal("selector", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]![0]!.Str("field"));
        await env.Api.Client.DeleteInventoryAsync(name);
    }
}
