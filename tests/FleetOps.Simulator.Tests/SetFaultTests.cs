using System.Diagnostics;
using System.Net;
using FleetOps.Simulator.Tests.Support;

namespace FleetOps.Simulator.Tests;

public sealed class SetFaultTests
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Http_level_faults_change_the_answer_at_once()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2, SlowDelay = TimeSpan.FromMilliseconds(200) });
        var node = fleet.Nodes[1];
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));

        fleet.SetFault(node.Name, NodeFault.WrongStatus);
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

        fleet.SetFault(node.Name, NodeFault.Slow);
        var clock = Stopwatch.StartNew();
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(200), $"answered after {clock.Elapsed.TotalMilliseconds} ms");

        fleet.SetFault(node.Name, NodeFault.Hang);
        using (var hangClient = NodeHttp.Client(ProbeTimeout))
            await Assert.ThrowsAsync<TaskCanceledException>(() => hangClient.GetAsync(NodeHttp.HealthOf(node)));

        fleet.SetFault(node.Name, NodeFault.None);
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Down_at_run_time_refuses_new_connects_drops_pooled_ones_and_recovers_on_the_same_port()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2 });
        var node = fleet.Nodes[0];
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));
        using (var warm = await client.GetAsync(NodeHttp.HealthOf(node))) // leaves a pooled keep-alive connection
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        fleet.SetFault(node.Name, NodeFault.Down);

        Assert.Equal(ConnectOutcome.Refused, await TcpConnect.TryAsync(node.Port, TimeSpan.FromSeconds(2)));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(NodeHttp.HealthOf(node)));
        Assert.Equal(NodeFault.Down, fleet.ExpectedFault(node.Name));
        Assert.Equal(NodeFault.Down, fleet.Nodes[0].Fault);
        Assert.Equal("down", fleet.Nodes[0].Labels["fault"]);

        fleet.SetFault(node.Name, NodeFault.None);

        Assert.Equal(node.Port, fleet.Nodes[0].Port);
        using (var back = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Blackhole_and_down_can_be_switched_in_any_order()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 2, Overrides = new Dictionary<int, NodeFault> { [1] = NodeFault.Down },
        });
        var node = fleet.Nodes[1];
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));

        fleet.SetFault(node.Name, NodeFault.Blackhole);
        Assert.Equal(ConnectOutcome.TimedOut, await TcpConnect.TryAsync(node.Port, ProbeTimeout));

        fleet.SetFault(node.Name, NodeFault.None);
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        fleet.SetFault(node.Name, NodeFault.Blackhole);
        Assert.Equal(ConnectOutcome.TimedOut, await TcpConnect.TryAsync(node.Port, ProbeTimeout));

        fleet.SetFault(node.Name, NodeFault.Down);
        Assert.Equal(ConnectOutcome.Refused, await TcpConnect.TryAsync(node.Port, TimeSpan.FromSeconds(2)));

        fleet.SetFault(node.Name, NodeFault.WrongStatus);
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_nodes_and_disposed_fleets_are_rejected()
    {
        var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1 });

        Assert.Throws<KeyNotFoundException>(() => fleet.SetFault("node-9999", NodeFault.Down));

        await fleet.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => fleet.SetFault("node-0001", NodeFault.Down));
    }
}
