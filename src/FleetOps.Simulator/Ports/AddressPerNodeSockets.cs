using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// <see cref="NodeAddressing.AddressPerNode"/>: every node is its own loopback address (<see cref="NodeAddresses"/>) on
/// one <see cref="SharedNodePort"/>. Faults are request-level only: one socket serves every address, so it cannot refuse
/// or blackhole a single one.
/// </summary>
internal sealed class AddressPerNodeSockets(SharedNodePort port, int nodes) : IFleetSockets
{
    public IReadOnlyList<IConnectionListener> Listeners => port.Listeners;

    public static AddressPerNodeSockets Open(int nodes, FreshPorts ports, SocketConnectionContextFactory contexts) =>
        new(SharedNodePort.Open(nodes, ports, contexts), nodes);

    public string AddressOf(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{NodeAddresses.AddressOf(index)}:{port.Port}");

    public int PortOf(int index) => port.Port;

    public int IndexOf(ConnectionInfo connection) =>
        connection.LocalPort == port.Port ? NodeAddresses.IndexOf(connection.LocalIpAddress, nodes) : -1;

    public bool Supports(PortMode mode) => mode == PortMode.Listening;

    public static bool IsSupported(NodeFault fault) => PortModes.For(fault) == PortMode.Listening;

    public void MoveTo(int index, PortMode mode)
    {
        if (!Supports(mode)) throw new ArgumentException($"An address-per-node fleet's port cannot be {mode} for one node.", nameof(mode));
        // Request-level faults need nothing of the socket: the request handler reads the node's fault.
    }

    public void Close() => port.Close();

    /// <summary>Why <paramref name="fault"/> is not available, for the exceptions of the validator and SetFault.</summary>
    public static string Unsupported(NodeFault fault) =>
        $"Address-per-node fleets cannot make a node {fault}: all nodes share one listening socket, which cannot refuse or " +
        "blackhole a single address. Use Slow, Hang or WrongStatus here, or port-per-node addressing " +
        $"(the default for fleets of up to {FleetSpec.AddressPerNodeAbove:N0} nodes).";

    /// <inheritdoc cref="Unsupported(NodeFault)"/>
    public static string Unsupported(GrpcFault fault) =>
        $"Address-per-node fleets cannot make a node's gRPC {fault}: all nodes share one gRPC socket, which cannot refuse a " +
        "single address. Use NotServing, ServiceUnknown or Hang here, or port-per-node addressing.";
}
