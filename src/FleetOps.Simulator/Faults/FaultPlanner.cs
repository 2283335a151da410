namespace FleetOps.Simulator.Faults;

/// <summary>
/// Turns a <see cref="FleetSpec"/> into one fault per node index. Deterministic, so tests know which node has which fault:
/// fault X gets exactly <c>floor(X × Nodes)</c> nodes, interleaved over the index range by smooth weighted round-robin
/// (faulty nodes are spread over groups and zones instead of bunched at one end). Overrides are applied last.
/// </summary>
internal static class FaultPlanner
{
    // Fixed order: breaks ties in the round-robin, so the plan never depends on anything but the spec.
    private static readonly NodeFault[] Order =
        [NodeFault.None, NodeFault.Down, NodeFault.Slow, NodeFault.Hang, NodeFault.WrongStatus, NodeFault.Blackhole];

    public static NodeFault[] Plan(FleetSpec spec)
    {
        FleetSpecValidator.Validate(spec);
        var counts = CountsFor(spec);
        var faults = Interleave(counts, spec.Nodes);
        foreach (var (index, fault) in spec.Overrides ?? new Dictionary<int, NodeFault>())
        {
            faults[index] = fault;
        }
        return faults;
    }

    /// <summary>How many nodes get each fault before overrides: floor(fraction × nodes); the rest are healthy.</summary>
    public static IReadOnlyDictionary<NodeFault, int> CountsFor(FleetSpec spec)
    {
        // The epsilon keeps 0.29 × 100 (= 28.999999999999996 in binary) at 29.
        static int Share(double fraction, int nodes) => (int)Math.Floor(fraction * nodes + 1e-9);

        var counts = new Dictionary<NodeFault, int>
        {
            [NodeFault.Down] = Share(spec.Down, spec.Nodes),
            [NodeFault.Slow] = Share(spec.Slow, spec.Nodes),
            [NodeFault.Hang] = Share(spec.Hang, spec.Nodes),
            [NodeFault.WrongStatus] = Share(spec.WrongStatus, spec.Nodes),
            [NodeFault.Blackhole] = Share(spec.Blackhole, spec.Nodes),
        };
        counts[NodeFault.None] = spec.Nodes - counts.Values.Sum();
        return counts;
    }

    private static NodeFault[] Interleave(IReadOnlyDictionary<NodeFault, int> counts, int nodes)
    {
        // Smooth weighted round-robin: over `nodes` picks, each fault is picked exactly counts[fault] times, evenly spaced.
        var weights = Array.ConvertAll(Order, fault => (long)counts[fault]);
        var current = new long[Order.Length];
        var result = new NodeFault[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var best = 0;
            for (var f = 0; f < Order.Length; f++)
            {
                current[f] += weights[f];
                if (current[f] > current[best]) best = f;
            }
            current[best] -= nodes;
            result[i] = Order[best];
        }
        return result;
    }
}
