namespace FleetOps.Simulator;

/// <summary>
/// What fleet to start. Faults are given as fractions of <see cref="Nodes"/>: fault X gets
/// <c>floor(X × Nodes)</c> nodes, spread evenly over the indexes in a fixed order (never random),
/// so the same spec always yields the same nodes with the same faults. <see cref="Overrides"/> win over fractions.
/// </summary>
public sealed record FleetSpec
{
    public int Nodes { get; init; } = 200;

    /// <summary>Node names are the prefix and the 1-based number, at least 4 digits: node-0001, node-0002, ...</summary>
    public string NamePrefix { get; init; } = "node-";

    public double Down { get; init; }
    public double Slow { get; init; }
    public double Hang { get; init; }
    public double WrongStatus { get; init; }
    public double Blackhole { get; init; }

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromMilliseconds(300);
    public int WrongStatusCode { get; init; } = 503;

    /// <summary>0-based node index (<see cref="SimulatedNode.Index"/>) → fault; wins over the fractions.</summary>
    public IReadOnlyDictionary<int, NodeFault>? Overrides { get; init; }
}
