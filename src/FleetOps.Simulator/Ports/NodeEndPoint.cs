using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// What we hand Kestrel instead of an address: "listener #Index" of the fleet (<see cref="IFleetSockets.Listeners"/>):
/// node #Index's <see cref="NodePort"/>, whose socket we own, so we can refuse or blackhole the port at run time; or one
/// accept loop of an address-per-node fleet's <see cref="SharedNodePort"/>.
/// </summary>
internal sealed class NodeEndPoint(int index) : EndPoint
{
    public int Index { get; } = index;

    public override AddressFamily AddressFamily => AddressFamily.InterNetwork;

    public override string ToString() => $"simulated-node#{Index}";
}
