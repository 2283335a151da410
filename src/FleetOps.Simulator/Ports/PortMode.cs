namespace FleetOps.Simulator.Ports;

/// <summary>What a node's port does at the TCP level; HTTP-level faults all need <see cref="Listening"/>.</summary>
internal enum PortMode
{
    /// <summary>A normal listening socket, served by Kestrel.</summary>
    Listening,

    /// <summary>Bound but not listening: connects are refused, and nobody else can take the port meanwhile (see <see cref="ExclusivePort"/>).</summary>
    Refusing,

    /// <summary>Listening with a full accept queue that is never drained: connects time out.</summary>
    Blackholed,
}

internal static class PortModes
{
    public static PortMode For(NodeFault fault) => fault switch
    {
        NodeFault.Down => PortMode.Refusing,
        NodeFault.Blackhole => PortMode.Blackholed,
        _ => PortMode.Listening,
    };

    public static PortMode For(GrpcFault fault) => fault == GrpcFault.Down ? PortMode.Refusing : PortMode.Listening;
}
