using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// Every port a fleet holds, all taken from one <see cref="FreshPorts"/> (so from <see cref="FleetSpec.Ports"/> when set)
/// and all held exclusively: the nodes' HTTP ports, their gRPC ports when the fleet serves gRPC, and the control port.
/// </summary>
internal sealed class FleetSockets(IFleetSockets http, IFleetSockets? grpc, NodePort? control)
{
    public IFleetSockets Http => http;
    public IFleetSockets? Grpc => grpc;
    public NodePort? Control => control;

    public static FleetSockets Open(
        FleetSpec spec, NodeFault[] faults, GrpcFault[]? grpcFaults, SocketConnectionContextFactory contexts, CancellationToken ct)
    {
        var ports = FreshPorts.From(spec.Ports);
        IFleetSockets? http = null, grpc = null;
        try
        {
            http = Open(spec, Array.ConvertAll(faults, PortModes.For), ports, contexts, ct);
            if (grpcFaults is not null) grpc = Open(spec, Array.ConvertAll(grpcFaults, PortModes.For), ports, contexts, ct);
            var control = spec.ControlPort switch
            {
                null => null,
                0 => NodePort.Open(PortMode.Listening, ports, contexts),
                var port => OpenAt(port.Value, contexts),
            };
            return new FleetSockets(http, grpc, control);
        }
        catch
        {
            http?.Close();
            grpc?.Close();
            throw;
        }
    }

    /// <summary>Frees every port and drops every open connection.</summary>
    public void Close()
    {
        http.Close();
        grpc?.Close();
        control?.Close();
    }

    private static IFleetSockets Open(FleetSpec spec, PortMode[] modes, FreshPorts ports, SocketConnectionContextFactory contexts, CancellationToken ct) =>
        spec.ResolvedAddressing == NodeAddressing.AddressPerNode
            ? AddressPerNodeSockets.Open(modes.Length, ports, contexts)
            : PortPerNodeSockets.Open(modes, ports, contexts, ct);

    private static NodePort OpenAt(int port, SocketConnectionContextFactory contexts)
    {
        try
        {
            return NodePort.OpenAt(port, contexts);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException($"The control port {port} is taken.", e);
        }
    }
}
