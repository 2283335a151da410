namespace FleetOps.Simulator;

/// <summary>
/// What fleet to start. Faults are given as fractions of <see cref="Nodes"/>: fault X gets
/// <c>floor(X × Nodes)</c> nodes, spread evenly over the indexes in a fixed order (never random),
/// so the same spec always yields the same nodes with the same faults. <see cref="Overrides"/> win over fractions.
/// Large fleets (see <see cref="Addressing"/>) support only the HTTP-level faults.
/// </summary>
public sealed record FleetSpec
{
    /// <summary>
    /// <see cref="NodeAddressing.Auto"/> switches to <see cref="NodeAddressing.AddressPerNode"/> above this many nodes.
    /// </summary>
    public const int AddressPerNodeAbove = 15_000;

    public int Nodes { get; init; } = 200;

    /// <summary>
    /// How nodes are addressed; <see cref="NodeAddressing.Auto"/> (the default) is one port per node on 127.0.0.1 up to
    /// <see cref="AddressPerNodeAbove"/> nodes and one loopback address per node beyond.
    /// </summary>
    public NodeAddressing Addressing { get; init; }

    /// <summary>
    /// Where the fleet's ports come from (node ports, the shared port of an address-per-node fleet); null (the default):
    /// free ports below the ephemeral range, from a random point. A range is scanned in order and taken ports are skipped,
    /// so two fleets given the same range each get ports of their own.
    /// </summary>
    public PortRange? Ports { get; init; }

    /// <summary>
    /// The fleet's control port on 127.0.0.1 (<see cref="SimulatedFleet.ControlAddress"/>): HTTP routes that change
    /// faults and rates at run time and list targets and metrics, for a fleet in another process. Null (the default):
    /// none; 0: a free port from <see cref="Ports"/>.
    /// </summary>
    public int? ControlPort { get; init; }

    /// <summary>Serve the gRPC health service on every node (a port of its own each); null (the default): no gRPC.</summary>
    public GrpcSpec? Grpc { get; init; }

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

    /// <summary>Fraction of nodes whose <c>POST /action</c> fails (500, nothing applied); see <see cref="SimulatedFleet.SetActionBehaviour"/>.</summary>
    public double ActionFailures { get; init; }

    /// <summary>Fraction of nodes that turn unhealthy (/health 503) once an action is applied; a <c>/action/.../rollback</c> heals them.</summary>
    public double UnhealthyAfterAction { get; init; }

    /// <summary>How long <c>/action</c> takes to answer (the action is applied when it arrives).</summary>
    public TimeSpan ActionDelay { get; init; }

    /// <summary><see cref="Addressing"/> with <see cref="NodeAddressing.Auto"/> decided by <see cref="Nodes"/>.</summary>
    public NodeAddressing ResolvedAddressing => Addressing switch
    {
        NodeAddressing.Auto => Nodes > AddressPerNodeAbove ? NodeAddressing.AddressPerNode : NodeAddressing.PortPerNode,
        _ => Addressing,
    };
}
