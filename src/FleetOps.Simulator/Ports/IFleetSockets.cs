using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// The TCP side of a fleet, one per <see cref="NodeAddressing"/>: what Kestrel listens on, where each node is, which
/// node a connection came in for, and the TCP part of a fault change.
/// </summary>
internal interface IFleetSockets
{
    /// <summary>Handed to Kestrel, one endpoint each (see <see cref="NodePortListenerFactory"/>).</summary>
    IReadOnlyList<IConnectionListener> Listeners { get; }

    /// <summary>"host:port" of the node.</summary>
    string AddressOf(int index);

    int PortOf(int index);

    /// <summary>The node a connection is for (by its local port or address), or -1.</summary>
    int IndexOf(ConnectionInfo connection);

    /// <summary>Whether one node's port can be in this mode with these sockets.</summary>
    bool Supports(PortMode mode);

    /// <summary>Makes the node's port refuse, blackhole or serve (see <see cref="PortModes"/> for the faults that need each).</summary>
    void MoveTo(int index, PortMode mode);

    /// <summary>Frees every port and drops every open connection.</summary>
    void Close();
}
