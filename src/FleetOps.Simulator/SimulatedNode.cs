namespace FleetOps.Simulator;

/// <summary>
/// One node of a <see cref="SimulatedFleet"/>. <see cref="Index"/> is 0-based (its position in
/// <see cref="SimulatedFleet.Nodes"/>); <see cref="Name"/> is 1-based ("node-0001" has index 0).
/// </summary>
public sealed record SimulatedNode(
    int Index,
    string Name,
    string Address,
    int Port,
    NodeFault Fault,
    IReadOnlyDictionary<string, string> Labels);
