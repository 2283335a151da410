using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FleetOps.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace FleetOps.Simulator.Tests;

public sealed class DisposeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dispose_is_quick_cuts_hung_requests_and_frees_every_port()
    {
        var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 20, Down = 0.2, Slow = 0.2, Hang = 0.2, Blackhole = 0.1, SlowDelay = TimeSpan.FromSeconds(30),
        });
        var nodes = fleet.Nodes.ToList();
        using var client = NodeHttp.Client(Timeout.InfiniteTimeSpan);
        var inFlight = nodes.Where(n => n.Fault is NodeFault.Hang or NodeFault.Slow)
            .Select(n => client.GetAsync(NodeHttp.HealthOf(n)))
            .ToList();
        var blackholeConnect = TcpConnect.TryAsync(nodes.First(n => n.Fault == NodeFault.Blackhole).Port, TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => fleet.HealthRequests >= inFlight.Count, TimeSpan.FromSeconds(5)); // all are being served

        var clock = Stopwatch.StartNew();
        await fleet.DisposeAsync();
        var disposed = clock.Elapsed;
        output.WriteLine($"disposed in {disposed.TotalMilliseconds:F0} ms with {inFlight.Count} requests in flight");

        Assert.True(disposed < TimeSpan.FromSeconds(2), $"dispose took {disposed.TotalMilliseconds} ms");
        // Cut, not answered late: each in-flight request fails within a few seconds.
        var allDone = Task.WhenAll(inFlight);
        Assert.Same(allDone, await Task.WhenAny(allDone, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.All(inFlight, request => Assert.True(request.IsFaulted));
        Assert.NotEqual(ConnectOutcome.Connected, await blackholeConnect);

        foreach (var node in nodes)
        {
            Assert.Equal(ConnectOutcome.Refused, await TcpConnect.TryAsync(node.Port, TimeSpan.FromSeconds(2)));
            using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            rebind.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); // old connections may be in TIME_WAIT
            rebind.Bind(new IPEndPoint(IPAddress.Loopback, node.Port));
            rebind.Listen();
        }
    }

    [Fact]
    public async Task Dispose_twice_is_harmless()
    {
        var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3 });

        await fleet.DisposeAsync();
        await fleet.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "condition not reached in time");
            await Task.Delay(10);
        }
    }
}
