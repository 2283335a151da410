using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class GateTrackerTests
{
    private static GateProbe[] Round(params (string Node, bool Ok)[] probes) => probes.Select(p => new GateProbe(p.Node, p.Ok, p.Ok ? null : "503")).ToArray();

    [Fact]
    public void A_wave_passes_when_every_node_passed_K_rounds_in_a_row()
    {
        var gate = GateTracker.Start(2, ["a", "b"]);
        Assert.False(gate.Passed);
        gate.Record(Round(("a", true), ("b", true)));
        Assert.Equal(2, gate.Pending); // one pass each, two needed
        gate.Record(Round(("a", true), ("b", false)));
        Assert.Equal(["b"], gate.NotYet());
        gate.Record(Round(("a", true), ("b", true)));
        Assert.Equal(["b"], gate.NotYet()); // b's streak restarted at 1
        gate.Record(Round(("a", true), ("b", true)));
        Assert.True(gate.Passed);
        Assert.Equal(4, gate.Rounds);
        var b = gate.Nodes.Single(n => n.Node == "b");
        Assert.Equal(new GateNode("b", 4, 3, 2, true, "503"), b);
    }

    [Fact]
    public void A_later_failure_un_passes_a_node()
    {
        var gate = GateTracker.Start(1, ["a"]);
        gate.Record(Round(("a", true)));
        Assert.True(gate.Passed);
        gate.Record(Round(("a", false)));
        Assert.False(gate.Passed);
        Assert.Equal("503", gate.Nodes[0].LastError);
    }

    [Fact]
    public void A_node_missing_from_a_round_counts_as_failed_and_strangers_and_repeats_are_ignored()
    {
        var gate = GateTracker.Start(1, ["a", "b"]);
        gate.Record([new GateProbe("a", true), new GateProbe("a", false), new GateProbe("zz", true)]);
        Assert.Equal(["b"], gate.NotYet());
        Assert.True(gate.Nodes[0].LastOk); // a's first result of the round counts
        Assert.Equal("not probed in this round", gate.Nodes[1].LastError);
    }

    [Fact]
    public void An_empty_gate_passes_at_once()
    {
        var gate = GateTracker.Start(3, []);
        gate.Record([]);
        Assert.True(gate.Passed);
        Assert.Equal(0, gate.Gated);
    }

    [Fact]
    public void State_round_trips_and_does_not_grow_with_rounds()
    {
        var gate = GateTracker.Start(2, Enumerable.Range(0, 50).Select(i => $"n{i}"));
        for (var r = 0; r < 1000; r++) gate.Record(Enumerable.Range(0, 50).Select(i => new GateProbe($"n{i}", (r + i) % 7 != 0, "boom")));
        var again = new GateTracker(gate.Passes, gate.Rounds, gate.Nodes);
        Assert.Equal(gate.Nodes, again.Nodes);
        Assert.Equal(50, again.Nodes.Count);
        Assert.Equal(gate.NotYet(), again.NotYet());
        Assert.All(again.Nodes, n => Assert.Equal(1000, n.Rounds));
    }

    [Fact]
    public void The_sample_of_pending_nodes_is_bounded()
    {
        var gate = GateTracker.Start(1, Enumerable.Range(0, 500).Select(i => $"n{i}"));
        gate.Record([]);
        Assert.Equal(500, gate.Pending);
        Assert.Equal(GateTracker.SampleNames, gate.NotYet().Count);
        Assert.Equal("n0", gate.NotYet()[0]);
    }
}
