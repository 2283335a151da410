using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FleetOps.Simulator.Cli;
using FleetOps.Simulator.Ports;
using FleetOps.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace FleetOps.Simulator.Tests;

/// <summary>Address-per-node fleets of a few nodes (chosen explicitly), and the arithmetic behind them.</summary>
public sealed class AddressPerNodeTests(ITestOutputHelper output)
{
    private static FleetSpec Small(int nodes = 4) => new() { Nodes = nodes, Addressing = NodeAddressing.AddressPerNode };

    [Theory]
    [InlineData(200, NodeAddressing.Auto, NodeAddressing.PortPerNode)]
    [InlineData(15_000, NodeAddressing.Auto, NodeAddressing.PortPerNode)]
    [InlineData(15_001, NodeAddressing.Auto, NodeAddressing.AddressPerNode)]
    [InlineData(3, NodeAddressing.AddressPerNode, NodeAddressing.AddressPerNode)]
    [InlineData(20_000, NodeAddressing.PortPerNode, NodeAddressing.PortPerNode)]
    public void Auto_addressing_switches_above_the_threshold(int nodes, NodeAddressing asked, NodeAddressing resolved) =>
        Assert.Equal(resolved, new FleetSpec { Nodes = nodes, Addressing = asked }.ResolvedAddressing);

    [Fact]
    public async Task Explicit_address_per_node_works_for_a_small_fleet_and_port_per_node_stays_the_default()
    {
        await using var byAddress = await SimulatedFleet.StartAsync(Small());
        await using var byPort = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2 });

        Assert.Equal(NodeAddressing.AddressPerNode, byAddress.Addressing);
        Assert.Equal(["127.1.0.1", "127.1.0.2", "127.1.0.3", "127.1.0.4"], byAddress.Nodes.Select(n => n.Host));
        Assert.Equal(NodeAddressing.PortPerNode, byPort.Addressing);
        Assert.All(byPort.Nodes, n => Assert.Equal("127.0.0.1", n.Host));
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));
        foreach (var node in byAddress.Nodes.Concat(byPort.Nodes))
        {
            using var response = await client.GetAsync(NodeHttp.HealthOf(node));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"\"node\":\"{node.Name}\"", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Http_level_faults_change_at_run_time_for_one_address_only()
    {
        await using var fleet = await SimulatedFleet.StartAsync(Small() with { SlowDelay = TimeSpan.FromMilliseconds(200) });
        var node = fleet.Nodes[2];
        var neighbour = fleet.Nodes[3];
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));

        fleet.SetFault(node.Name, NodeFault.WrongStatus);
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using (var response = await client.GetAsync(NodeHttp.HealthOf(neighbour)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wrongstatus", fleet.Nodes[2].Labels["fault"]);

        fleet.SetFault(node.Name, NodeFault.Slow);
        var clock = Stopwatch.StartNew();
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(200), $"answered after {clock.Elapsed.TotalMilliseconds} ms");

        fleet.SetFault(node.Name, NodeFault.Hang);
        using (var hangClient = NodeHttp.Client(TimeSpan.FromMilliseconds(500)))
            await Assert.ThrowsAsync<TaskCanceledException>(() => hangClient.GetAsync(NodeHttp.HealthOf(node)));

        fleet.SetFault(node.Name, NodeFault.None);
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(NodeFault.None, fleet.ExpectedFault(node.Name));
    }

    [Fact]
    public async Task Down_and_blackhole_are_rejected_clearly()
    {
        var down = await Assert.ThrowsAsync<ArgumentException>(() => SimulatedFleet.StartAsync(Small() with { Down = 0.25 }));
        var blackhole = await Assert.ThrowsAsync<ArgumentException>(() => SimulatedFleet.StartAsync(Small(20_000) with
        {
            Addressing = NodeAddressing.Auto, Blackhole = 0.01,
        }));
        var overridden = await Assert.ThrowsAsync<ArgumentException>(() => SimulatedFleet.StartAsync(Small() with
        {
            Overrides = new Dictionary<int, NodeFault> { [1] = NodeFault.Down },
        }));
        output.WriteLine(down.Message);

        Assert.Contains("FleetSpec.Down", down.Message);
        Assert.Contains("one listening socket", down.Message);
        Assert.Contains("FleetSpec.Blackhole", blackhole.Message);
        Assert.Contains("FleetSpec.Overrides[1]", overridden.Message);

        await using var fleet = await SimulatedFleet.StartAsync(Small());
        Assert.Throws<ArgumentException>(() => fleet.SetFault("node-0001", NodeFault.Down));
        Assert.Throws<ArgumentException>(() => fleet.SetFault("node-0001", NodeFault.Blackhole));
        Assert.Equal(NodeFault.None, fleet.ExpectedFault("node-0001"));
    }

    [Fact]
    public async Task Dispose_cuts_hung_requests_and_frees_the_shared_port()
    {
        var fleet = await SimulatedFleet.StartAsync(Small() with { Overrides = new Dictionary<int, NodeFault> { [0] = NodeFault.Hang } });
        var nodes = fleet.Nodes.ToList();
        using var client = NodeHttp.Client(Timeout.InfiniteTimeSpan);
        var hung = client.GetAsync(NodeHttp.HealthOf(nodes[0]));
        var clock = Stopwatch.StartNew();
        while (fleet.HealthRequests < 1 && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(10);

        clock.Restart();
        await fleet.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"dispose took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Same(hung, await Task.WhenAny(hung, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.True(hung.IsFaulted);
        foreach (var node in nodes)
        {
            Assert.Equal(ConnectOutcome.Refused, await TcpConnect.TryAsync(RawHttp.EndPointOf(node), TimeSpan.FromSeconds(2)));
        }
        // The port is free again: an unrestricted loopback listener can take it.
        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        rebind.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        rebind.Bind(new IPEndPoint(IPAddress.Loopback, nodes[0].Port));
        rebind.Listen();
    }

    [Fact]
    public void A_failed_SO_BINDTODEVICE_is_a_clear_error_never_an_unrestricted_socket()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var error = Assert.Throws<InvalidOperationException>(() => LoopbackDevice.Restrict(socket, "nosuchdev0"));

        Assert.Contains("SO_BINDTODEVICE", error.Message);
        Assert.Contains("root", error.Message);
        Assert.Contains("15,000 nodes", error.Message);
    }

    [Theory]
    [InlineData(0, "127.1.0.1")]
    [InlineData(253, "127.1.0.254")]
    [InlineData(254, "127.1.1.1")]
    [InlineData(254 * 256, "127.2.0.1")]
    [InlineData(99_999, "127.2.137.178")]
    [InlineData(NodeAddresses.Capacity - 1, "127.255.255.254")]
    public void Node_addresses_are_computed_both_ways(int index, string address)
    {
        Assert.Equal(address, NodeAddresses.AddressOf(index));
        Assert.Equal(IPAddress.Parse(address), NodeAddresses.IpOf(index));
        Assert.Equal(index, NodeAddresses.IndexOf(IPAddress.Parse(address), NodeAddresses.Capacity));
        Assert.Equal(-1, NodeAddresses.IndexOf(IPAddress.Parse(address), index)); // a fleet one node too small
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.0")]
    [InlineData("127.1.0.0")]
    [InlineData("127.1.0.255")]
    [InlineData("10.1.0.1")]
    [InlineData("::1")]
    public void Addresses_of_no_node_map_to_nothing(string address) =>
        Assert.Equal(-1, NodeAddresses.IndexOf(IPAddress.Parse(address), NodeAddresses.Capacity));

    [Theory]
    [InlineData("node-0001", 0)]
    [InlineData("node-9999", 9998)]
    [InlineData("node-10000", 9999)]
    [InlineData("node-100000", 99_999)]
    [InlineData("node-100001", -1)] // past the end
    [InlineData("node-0000", -1)]
    [InlineData("node-1", -1)]      // names are exact: at least four digits ...
    [InlineData("node-00001", -1)]  // ... and no leading zero beyond four
    [InlineData("node-12a4", -1)]
    [InlineData("web-0001", -1)]
    [InlineData("node-", -1)]
    public void Node_names_are_looked_up_by_parsing(string name, int index) =>
        Assert.Equal(index, NodeLabels.IndexOf("node-", name, 100_000));

    [Fact]
    public void The_cli_takes_an_addressing()
    {
        Assert.Equal(NodeAddressing.AddressPerNode, CliOptions.Parse(["--addressing", "address-per-node"]).Spec.Addressing);
        Assert.Equal(NodeAddressing.PortPerNode, CliOptions.Parse(["--addressing", "port-per-node"]).Spec.Addressing);
        Assert.Equal(NodeAddressing.Auto, CliOptions.Parse(["--nodes", "100000"]).Spec.Addressing);
        Assert.Equal(NodeAddressing.AddressPerNode, CliOptions.Parse(["--nodes", "100000"]).Spec.ResolvedAddressing);
        Assert.Throws<FormatException>(() => CliOptions.Parse(["--addressing", "per-node"]));
    }
}
