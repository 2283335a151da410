using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FleetOps.Simulator.Tests.Support;

namespace FleetOps.Simulator.Tests;

/// <summary>One small fleet with every fault pinned by index, shared by the tests below.</summary>
public sealed class OneOfEachFaultFleet : IAsyncLifetime
{
    public static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(300);

    public SimulatedFleet Fleet { get; private set; } = null!;

    public SimulatedNode NodeWith(NodeFault fault) => Fleet.Nodes.First(n => n.Fault == fault);

    public async Task InitializeAsync() => Fleet = await SimulatedFleet.StartAsync(new FleetSpec
    {
        Nodes = 8,
        SlowDelay = SlowDelay,
        Overrides = new Dictionary<int, NodeFault>
        {
            [1] = NodeFault.Down, [2] = NodeFault.Slow, [3] = NodeFault.Hang,
            [4] = NodeFault.WrongStatus, [5] = NodeFault.Blackhole,
        },
    });

    public async Task DisposeAsync() => await Fleet.DisposeAsync();
}

public sealed class FaultBehaviourTests(OneOfEachFaultFleet fixture) : IClassFixture<OneOfEachFaultFleet>
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Healthy_node_answers_200_with_its_name()
    {
        var node = fixture.NodeWith(NodeFault.None);
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));

        using var response = await client.GetAsync(NodeHttp.HealthOf(node));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("UP", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(node.Name, body.RootElement.GetProperty("node").GetString());
    }

    [Fact]
    public async Task Down_node_refuses_the_tcp_connect()
    {
        var node = fixture.NodeWith(NodeFault.Down);
        using var client = new TcpClient();

        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, node.Port));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Slow_node_answers_200_after_the_slow_delay()
    {
        var node = fixture.NodeWith(NodeFault.Slow);
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));

        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(NodeHttp.HealthOf(node));
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= OneOfEachFaultFleet.SlowDelay, $"answered after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Hang_node_accepts_tcp_but_the_http_request_times_out()
    {
        var node = fixture.NodeWith(NodeFault.Hang);
        Assert.Equal(ConnectOutcome.Connected, await TcpConnect.TryAsync(node.Port, TimeSpan.FromSeconds(2)));
        using var client = NodeHttp.Client(ProbeTimeout);

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(NodeHttp.HealthOf(node)));

        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task WrongStatus_node_answers_503()
    {
        var node = fixture.NodeWith(NodeFault.WrongStatus);
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));

        using var response = await client.GetAsync(NodeHttp.HealthOf(node));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Blackhole_node_lets_every_tcp_connect_time_out()
    {
        var node = fixture.NodeWith(NodeFault.Blackhole);

        // Several at once: the full accept queue must drop every SYN, not just the first.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TcpConnect.TryAsync(node.Port, ProbeTimeout)));

        Assert.All(outcomes, outcome => Assert.Equal(ConnectOutcome.TimedOut, outcome));
    }

    [Fact]
    public async Task Blackhole_node_makes_an_http_probe_time_out_while_connecting()
    {
        var node = fixture.NodeWith(NodeFault.Blackhole);
        using var client = NodeHttp.Client(ProbeTimeout);

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(NodeHttp.HealthOf(node)));

        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Other_paths_are_404_and_not_counted_as_health_requests()
    {
        var node = fixture.NodeWith(NodeFault.None);
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));
        var before = fixture.Fleet.HealthRequests;

        using var response = await client.GetAsync(new Uri($"http://{node.Address}/nope"));
        using var health = await client.GetAsync(NodeHttp.HealthOf(node));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(fixture.Fleet.HealthRequests >= before + 1); // other tests may probe this fleet at the same time
    }

    [Fact]
    public void ExpectedFault_reports_each_node_s_fault_and_rejects_unknown_names()
    {
        foreach (var node in fixture.Fleet.Nodes)
        {
            Assert.Equal(node.Fault, fixture.Fleet.ExpectedFault(node.Name));
        }
        Assert.Throws<KeyNotFoundException>(() => fixture.Fleet.ExpectedFault("no-such-node"));
    }
}
