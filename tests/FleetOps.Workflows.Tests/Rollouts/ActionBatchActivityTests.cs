using FleetOps.Core.Policy;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Probing.Actions;
using FleetOps.Simulator;
using FleetOps.Workflows.Rollouts;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Workflows.Tests.Rollouts;

/// <summary>The action chunk on Azurite against simulated nodes: one node's exception is that node's failure alone, and a redelivery resends nothing stored.</summary>
public sealed class ActionBatchActivityTests(RolloutStorageFixture fixture) : IClassFixture<RolloutStorageFixture>
{
    [Fact]
    public async Task A_node_that_throws_fails_alone_and_a_redelivered_chunk_sends_nothing_twice()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3, NamePrefix = $"a{Guid.NewGuid().ToString("N")[..6]}-" });
        var store = new RolloutStore(fixture.Clients);
        using var client = new NodeActionClient(TargetPolicy.From(new PolicyOptions { Allow = ["127.0.0.0/8"] }));
        var activity = new ActionBatchActivity(store, client, NullLogger<ActionBatchActivity>.Instance);
        var runId = "ab-" + Guid.NewGuid().ToString("N")[..8];
        // The middle node has no name: anything keyed on it throws (a name can be anything; a bug can be anywhere).
        List<Target> nodes = [new(fleet.Nodes[0].Name, fleet.Nodes[0].Address), new(null!, fleet.Nodes[1].Address), new(fleet.Nodes[2].Name, fleet.Nodes[2].Address)];
        await store.WriteNodesAsync(runId, nodes, default);
        var input = new ActionBatchInput(runId, NodeLists.All, 0, 3, 0, new ActionSpec { Url = "http://{{address}}/action/deploy" }, 3, Rollback: false);

        var first = await activity.ExecuteAsync(input, default);
        Assert.Equal((2, 1), (first.Ok, first.Failed));
        Assert.Equal(1, fleet.ActionsApplied(fleet.Nodes[0].Name));
        Assert.Equal(1, fleet.ActionsApplied(fleet.Nodes[2].Name));
        Assert.Equal(0, fleet.ActionDeliveries(fleet.Nodes[1].Name));

        var again = await activity.ExecuteAsync(input, default); // a redelivery
        Assert.Equal((2, 1), (again.Ok, again.Failed));
        Assert.All(new[] { 0, 2 }, i => Assert.Equal(1, fleet.ActionDeliveries(fleet.Nodes[i].Name)));
        var stored = await store.ReadAllActionsAsync(runId, rollback: false, default);
        Assert.Equal([fleet.Nodes[0].Name, fleet.Nodes[2].Name], stored.Keys.Order(StringComparer.Ordinal));
    }
}
