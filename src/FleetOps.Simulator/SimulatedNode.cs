namespace FleetOps.Simulator;

/// <summary>
/// One node of a <see cref="SimulatedFleet"/>. <see cref="Index"/> is 0-based (its position in
/// <see cref="SimulatedFleet.Nodes"/>); <see cref="Name"/> is 1-based ("node-0001" has index 0).
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
}
