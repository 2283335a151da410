namespace FleetOps.Simulator;

/// <summary>
/// One node of a <see cref="SimulatedFleet"/>. <see cref="Index"/> is 0-based (its position in
/// <see cref="SimulatedFleet.Nodes"/>); <see cref="Name"/> is 1-based ("node-0001" has index 0), and the node gives it
/// in every answer (the body's <c>node</c> and the <c>X-Node</c> header of <c>/health</c>, gRPC's <c>x-node</c> header).
/// <see cref="Address"/> is "host:port": "127.0.0.1:port" with a port per node, or "127.x.y.z:port" with an address per
/// node (every node on the same <see cref="Port"/>; see <see cref="NodeAddressing"/>).
/// </summary>
public sealed record SimulatedNode(
    int Index,
    string Name,
    string Address,
    int Port,
    NodeFault Fault,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The IP part of <see cref="Address"/>: "127.0.0.1", or the node's own "127.x.y.z".</summary>
    public string Host => Address[..Address.LastIndexOf(':')];

    /// <summary>"host:port" of the node's gRPC health service (same host, its own port), or null when the fleet serves no gRPC.</summary>
    public string? GrpcAddress { get; init; }

    /// <summary>The port of <see cref="GrpcAddress"/>, or null.</summary>
    public int? GrpcPort { get; init; }

    /// <summary>The node's gRPC fault, or null when the fleet serves no gRPC.</summary>
    public GrpcFault? GrpcFault { get; init; }
}
