namespace FleetOps.Simulator.Tests;

/// <summary><see cref="FleetSpec.Ports"/>: ports from a range, in order, skipping taken ones; a full range fails the start.</summary>
public sealed class PortRangeTests
{
    [Fact]
    public async Task A_second_fleet_on_the_same_range_gets_the_ports_the_first_left_and_then_none()
    {
        // Above the OS's ephemeral range (32768-60999 here): fleets without a range, started by the tests running
        // beside this one, take ports below it, and any of them inside this range would fill it early.
        var first = 61000 + Random.Shared.Next(0, 70) * 64;
        var range = new PortRange(first, first + 7);
        await using var a = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3, Down = 0.34, Ports = range });
        await using var b = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 5, Ports = range });

        var ports = a.Nodes.Concat(b.Nodes).Select(n => n.Port).ToList();
        Assert.All(ports, p => Assert.InRange(p, range.First, range.Last));
        Assert.Equal(8, ports.Distinct().Count());
        Assert.True(a.Nodes.Max(n => n.Port) < b.Nodes.Min(n => n.Port), "a range is taken in order");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, Ports = range }));
        Assert.Contains($"port range {range}", e.Message);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(20010, 20000)]
    [InlineData(65535, 65536)]
    public async Task Bad_ranges_are_rejected(int firstPort, int lastPort)
    {
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, Ports = new PortRange(firstPort, lastPort) }));
        Assert.Contains("FleetSpec.Ports", e.Message);
    }
}
