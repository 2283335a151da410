namespace FleetOps.Simulator.Faults;

/// <summary>
/// Turns a <see cref="FleetSpec"/> into one fault per node index (HTTP/TCP faults, and gRPC faults when the fleet serves
/// gRPC). Deterministic, so tests know which node has which fault: fault X gets exactly <c>floor(X × Nodes)</c> nodes,
/// interleaved over the index range by smooth weighted round-robin (faulty nodes are spread over groups and zones
/// instead of bunched at one end). Overrides are applied last.
/// </summary>
internal static class FaultPlanner
{
    public static NodeFault[] Plan(FleetSpec spec)
    {
        FleetSpecValidator.Validate(spec);
        return Spread(CountsFor(spec), spec.Nodes, spec.Overrides);
    }

    /// <summary>The gRPC fault of every node, or null when the fleet serves no gRPC.</summary>
    public static GrpcFault[]? PlanGrpc(FleetSpec spec)
    {
        FleetSpecValidator.Validate(spec);
        if (spec.Grpc is not { } grpc) return null;
        var counts = new Dictionary<GrpcFault, int>
        {
            [GrpcFault.NotServing] = Share(grpc.NotServing, spec.Nodes),
            [GrpcFault.ServiceUnknown] = Share(grpc.ServiceUnknown, spec.Nodes),
            [GrpcFault.Down] = Share(grpc.Down, spec.Nodes),
            [GrpcFault.Hang] = Share(grpc.Hang, spec.Nodes),
        };
        counts[GrpcFault.Serving] = spec.Nodes - counts.Values.Sum();
        return Spread(counts, spec.Nodes, grpc.Overrides);
    }

    /// <summary>How many nodes get each fault before overrides: floor(fraction × nodes); the rest are healthy.</summary>
    public static IReadOnlyDictionary<NodeFault, int> CountsFor(FleetSpec spec)
    {
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

    // The epsilon keeps 0.29 × 100 (= 28.999999999999996 in binary) at 29.
    private static int Share(double fraction, int nodes) => (int)Math.Floor(fraction * nodes + 1e-9);

    private static T[] Spread<T>(IReadOnlyDictionary<T, int> counts, int nodes, IReadOnlyDictionary<int, T>? overrides)
        where T : struct, Enum
    {
        var faults = Interleave(counts, nodes);
        foreach (var (index, fault) in overrides ?? new Dictionary<int, T>())
        {
            faults[index] = fault;
        }
        return faults;
    }

    private static T[] Interleave<T>(IReadOnlyDictionary<T, int> counts, int nodes) where T : struct, Enum
    {
        // Smooth weighted round-robin: over `nodes` picks, each fault is picked exactly counts[fault] times, evenly spaced.
        // The enum's declaration order breaks ties, so the plan never depends on anything but the spec.
        var order = Enum.GetValues<T>();
        var weights = Array.ConvertAll(order, fault => (long)counts.GetValueOrDefault(fault));
        var current = new long[order.Length];
        var result = new T[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var best = 0;
            for (var f = 0; f < order.Length; f++)
            {
                current[f] += weights[f];
                if (current[f] > current[best]) best = f;
            }
            current[best] -= nodes;
            result[i] = order[best];
        }
        return result;
    }
}
