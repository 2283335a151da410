namespace FleetOps.Simulator;

/// <summary>How the nodes of a <see cref="SimulatedFleet"/> are told apart on the network.</summary>
public enum NodeAddressing
{
    /// <summary>
    /// <see cref="PortPerNode"/> up to <see cref="FleetSpec.AddressPerNodeAbove"/> nodes (every fault available),
    /// <see cref="AddressPerNode"/> beyond (one socket per node cannot go that far).
    /// </summary>
    Auto,

    /// <summary>
    /// Every node has its own port on 127.0.0.1 and its own socket: all faults, switchable at run time, but one open
    /// file per node (three for a blackholed one) and at most ~22,000 nodes (the ports 10000-32767).
    /// </summary>
    PortPerNode,

    /// <summary>
    /// Every node has its own loopback address (127.1.0.1, 127.1.0.2, ...) on one shared port, served by a single
    /// listening socket on 0.0.0.0 that is bound to the loopback interface (SO_BINDTODEVICE "lo", Linux), so nothing
    /// from outside the machine reaches it. Up to millions of nodes in a few MB, and every node is a distinct host to a
    /// client's connection pool. Only HTTP-level faults (<see cref="NodeFault.None"/>, <see cref="NodeFault.Slow"/>,
    /// <see cref="NodeFault.Hang"/>, <see cref="NodeFault.WrongStatus"/>): a shared socket cannot refuse or blackhole a
    /// single address, so <see cref="NodeFault.Down"/> and <see cref="NodeFault.Blackhole"/> are rejected.
    /// </summary>
    AddressPerNode,
}
