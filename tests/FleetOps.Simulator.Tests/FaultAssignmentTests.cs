using FleetOps.Simulator.Faults;

namespace FleetOps.Simulator.Tests;

public sealed class FaultAssignmentTests
{
    private static readonly FleetSpec Mixed = new()
    {
        Nodes = 200, Down = 0.05, Slow = 0.05, Hang = 0.02, WrongStatus = 0.05, Blackhole = 0.01,
    };

    [Fact]
    public async Task Each_fault_gets_floor_of_fraction_times_nodes()
    {
        await using var fleet = await SimulatedFleet.StartAsync(Mixed);

        var counts = fleet.Nodes.GroupBy(n => n.Fault).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(10, counts[NodeFault.Down]);
        Assert.Equal(10, counts[NodeFault.Slow]);
        Assert.Equal(4, counts[NodeFault.Hang]);
        Assert.Equal(10, counts[NodeFault.WrongStatus]);
        Assert.Equal(2, counts[NodeFault.Blackhole]);
        Assert.Equal(164, counts[NodeFault.None]);
    }

    [Fact]
    public async Task The_same_spec_gives_the_same_faults_and_names_twice()
    {
        await using var first = await SimulatedFleet.StartAsync(Mixed);
        await using var second = await SimulatedFleet.StartAsync(Mixed);

        Assert.Equal(first.Nodes.Select(n => (n.Name, n.Fault)), second.Nodes.Select(n => (n.Name, n.Fault)));
        Assert.Equal(first.Nodes.Select(n => n.Fault), FaultPlanner.Plan(Mixed));
    }

    [Theory]
    [InlineData(100, 0.29, 29)] // 0.29 × 100 is 28.999999999999996 in floating point
    [InlineData(10, 0.333, 3)]
    [InlineData(7, 0.5, 3)]
    [InlineData(3, 1.0, 3)]
    [InlineData(50, 0.0, 0)]
    public void A_fraction_becomes_a_whole_count(int nodes, double down, int expected)
    {
        var plan = FaultPlanner.Plan(new FleetSpec { Nodes = nodes, Down = down });

        Assert.Equal(expected, plan.Count(f => f == NodeFault.Down));
        Assert.Equal(nodes - expected, plan.Count(f => f == NodeFault.None));
    }

    [Fact]
    public void Faulty_nodes_are_spread_over_the_fleet_not_bunched()
    {
        var plan = FaultPlanner.Plan(Mixed);
        var downIndexes = Enumerable.Range(0, plan.Length).Where(i => plan[i] == NodeFault.Down).ToList();

        Assert.Equal(3, downIndexes.Select(i => i % 3).Distinct().Count()); // all three groups have down nodes
        Assert.True(downIndexes[0] < 40 && downIndexes[^1] >= 160, string.Join(",", downIndexes));
        Assert.Equal(NodeFault.None, plan[0]); // the first node is healthy: handy for smoke tests
    }

    [Fact]
    public async Task Overrides_win_over_fractions()
    {
        var spec = new FleetSpec
        {
            Nodes = 10, Down = 0.5,
            Overrides = new Dictionary<int, NodeFault> { [0] = NodeFault.Hang, [9] = NodeFault.None },
        };
        var plan = FaultPlanner.Plan(spec);
        var withoutOverrides = FaultPlanner.Plan(spec with { Overrides = null });

        await using var fleet = await SimulatedFleet.StartAsync(spec);

        Assert.Equal(NodeFault.Hang, fleet.Nodes[0].Fault);
        Assert.Equal(NodeFault.None, fleet.Nodes[9].Fault);
        Assert.Equal(plan, fleet.Nodes.Select(n => n.Fault));
        Assert.Equal(withoutOverrides[1..9], plan[1..9]);
    }

    [Fact]
    public async Task Names_labels_and_addresses_follow_the_index()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 4, NamePrefix = "web-", Down = 0.25 });

        var node = fleet.Nodes[3];
        Assert.Equal(3, node.Index);
        Assert.Equal("web-0004", node.Name);
        Assert.Equal($"127.0.0.1:{node.Port}", node.Address);
        Assert.Equal("web", node.Labels["group"]);   // 3 % 3
        Assert.Equal("b", node.Labels["zone"]);      // 3 % 2
        Assert.Equal(NodeLabels.FaultLabel(node.Fault), node.Labels["fault"]);
        Assert.Equal("down", fleet.Nodes.Single(n => n.Fault == NodeFault.Down).Labels["fault"]);
        Assert.Equal("wrongstatus", NodeLabels.FaultLabel(NodeFault.WrongStatus));
    }

    [Fact]
    public async Task Invalid_specs_are_rejected_before_any_port_opens()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SimulatedFleet.StartAsync(new FleetSpec { Down = 0.6, Slow = 0.6 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SimulatedFleet.StartAsync(new FleetSpec { Hang = -0.1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SimulatedFleet.StartAsync(new FleetSpec { Nodes = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 5, Overrides = new Dictionary<int, NodeFault> { [5] = NodeFault.Down },
        }));
    }
}
