using System.Net;
using FleetOps.Simulator.Tests.Support;

namespace FleetOps.Simulator.Tests;

/// <summary>
/// Issue 12: no other socket may take a simulated node's port while the fleet lives, whatever the node's fault, and
/// across fault changes at run time; otherwise a "down" node can be answered for by someone else's server.
/// </summary>
public sealed class ExclusivePortTests
{
    private static readonly NodeFault[] Every = Enum.GetValues<NodeFault>();

    [Fact]
    public async Task No_port_can_be_taken_whatever_the_fault_at_start()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = Every.Length, Overrides = Every.Select((f, i) => (f, i)).ToDictionary(x => x.i, x => x.f),
        });

        foreach (var node in fleet.Nodes)
            Assert.True(!Intruder.WaysToTake(RawHttp.EndPointOf(node)).Any(), $"{node.Name} ({node.Fault}) port {node.Port} could be taken");
        await AssertAnswersAsConfiguredAsync(fleet);
    }

    [Fact]
    public async Task No_port_can_be_taken_after_any_fault_change_on_a_node_that_served_connections()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, SlowDelay = TimeSpan.FromMilliseconds(50) });
        var node = fleet.Nodes[0];
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));

        // Every ordered pair of faults, each change made while the node has (or just had) connections of its own.
        foreach (var from in Every)
        {
            foreach (var to in Every.Where(f => f != from))
            {
                fleet.SetFault(node.Name, from);
                await WarmAsync(fleet, client);
                fleet.SetFault(node.Name, to);

                var taken = Intruder.WaysToTake(RawHttp.EndPointOf(node)).ToList();
                Assert.True(taken.Count == 0, $"after {from} -> {to}, port {node.Port} could be taken: {string.Join(", ", taken)}");
                await AssertAnswersAsConfiguredAsync(fleet);
            }
        }
    }

    [Fact]
    public async Task The_shared_port_of_an_address_per_node_fleet_cannot_be_taken_on_any_loopback_address()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 100, Addressing = NodeAddressing.AddressPerNode, Hang = 0.02, WrongStatus = 0.02 });

        foreach (var node in new[] { fleet.Nodes[0], fleet.Nodes[^1] })
            Assert.Empty(Intruder.WaysToTake(RawHttp.EndPointOf(node)));
        Assert.False(Intruder.CanServe(IPAddress.Loopback, fleet.Nodes[0].Port));
        await AssertAnswersAsConfiguredAsync(fleet);
    }

    /// <summary>Leaves the node with connections in every state it has: a kept-alive one, closed ones (TIME_WAIT) and pending ones.</summary>
    private static async Task WarmAsync(SimulatedFleet fleet, HttpClient client)
    {
        var node = fleet.Nodes[0];
        if (node.Fault is NodeFault.Down or NodeFault.Blackhole) return; // nothing connects
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        try
        {
            using var kept = await client.GetAsync(NodeHttp.HealthOf(node), timeout.Token);
            await RawHttp.GetAsync(RawHttp.EndPointOf(node), "/health", timeout.Token); // "Connection: close"
        }
        catch (OperationCanceledException)
        {
            // a hung node: the connection stays open until the fault changes
        }
    }

    internal static async Task AssertAnswersAsConfiguredAsync(SimulatedFleet fleet)
    {
        // Answering nodes first, so the fleet is warm; silent ones together, since each costs a wait.
        var silent = fleet.Nodes.Where(n => n.Fault is NodeFault.Hang or NodeFault.Blackhole).ToList();
        foreach (var node in fleet.Nodes.Except(silent))
        {
            var answer = await NodeAnswer.OfAsync(node);
            Assert.True(answer.Matches(node), $"{node.Name} ({node.Fault}) at {node.Address}: {answer}");
        }
        var answers = await Task.WhenAll(silent.Select(NodeAnswer.OfAsync));
        foreach (var (node, answer) in silent.Zip(answers))
            Assert.True(answer.Matches(node), $"{node.Name} ({node.Fault}) at {node.Address}: {answer}");
    }
}
