using System.Diagnostics;
using System.Net;
using FleetOps.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace FleetOps.Simulator.Tests;

public sealed class LargeFleetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_node_fleet_starts_on_distinct_ports_and_every_healthy_node_answers()
    {
        var clock = Stopwatch.StartNew();
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1000, Down = 0.05, WrongStatus = 0.05 });
        var started = clock.Elapsed;

        Assert.Equal(1000, fleet.Nodes.Count);
        Assert.Equal(1000, fleet.Nodes.Select(n => n.Port).Distinct().Count());
        Assert.Equal(1000, fleet.Nodes.Select(n => n.Name).Distinct().Count());

        var healthy = fleet.Nodes.Where(n => n.Fault == NodeFault.None).ToList();
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(10));
        clock.Restart();
        var statuses = await Task.WhenAll(healthy.Select(async node =>
        {
            using var response = await client.GetAsync(NodeHttp.HealthOf(node));
            var body = await response.Content.ReadAsStringAsync();
            return (node, response.StatusCode, body);
        }));
        var probed = clock.Elapsed;

        Assert.Equal(900, healthy.Count);
        Assert.All(statuses, s =>
        {
            Assert.Equal(HttpStatusCode.OK, s.StatusCode);
            Assert.Contains($"\"node\":\"{s.node.Name}\"", s.body);
        });
        // At least: on a shared machine a stray prober holding stale loopback addresses may hit a node too.
        Assert.True(fleet.HealthRequests >= 900, $"counted {fleet.HealthRequests} health requests");

        clock.Restart();
        await fleet.DisposeAsync();
        output.WriteLine($"1000 nodes: started in {started.TotalMilliseconds:F0} ms, 900 parallel GETs in " +
            $"{probed.TotalMilliseconds:F0} ms, disposed in {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
