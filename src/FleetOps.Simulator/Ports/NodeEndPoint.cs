using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// What we hand Kestrel instead of an address: "the port of node #Index". Our listener factory resolves it to the
/// node's <see cref="NodePort"/>, whose socket we own, so we can refuse or blackhole the port at run time.
/// </summary>
internal sealed class NodeEndPoint(int index) : EndPoint
{
    public int Index { get; } = index;

    public override AddressFamily AddressFamily => AddressFamily.InterNetwork;

    public override string ToString() => $"simulated-node#{Index}";
}
