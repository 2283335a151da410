using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary><see cref="NodeAddressing.PortPerNode"/>: one <see cref="NodePort"/> (socket) per node on 127.0.0.1.</summary>
internal sealed class PortPerNodeSockets : IFleetSockets
{
    private readonly NodePort[] _ports;
    private readonly FrozenDictionary<int, int> _indexByPort;

    private PortPerNodeSockets(NodePort[] ports)
    {
        _ports = ports;
        _indexByPort = Enumerable.Range(0, ports.Length).ToFrozenDictionary(i => ports[i].Port);
    }

    public IReadOnlyList<IConnectionListener> Listeners => _ports;

    public static PortPerNodeSockets Open(PortMode[] modes, FreshPorts fresh, SocketConnectionContextFactory contexts, CancellationToken ct)
    {
        var ports = new List<NodePort>(modes.Length);
        try
        {
            // Sequential and synchronous: a bind takes microseconds, and a failure (out of descriptors) stops at once.
            foreach (var mode in modes)
            {
                ct.ThrowIfCancellationRequested();
                ports.Add(NodePort.Open(mode, fresh, contexts));
            }
            return new PortPerNodeSockets([.. ports]);
        }
        catch
        {
            foreach (var port in ports) port.Close();
            throw;
        }
    }

    public string AddressOf(int index) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{_ports[index].Port}");

    public int PortOf(int index) => _ports[index].Port;

    public int IndexOf(ConnectionInfo connection) =>
        _indexByPort.TryGetValue(connection.LocalPort, out var index) ? index : -1;

    public bool Supports(PortMode mode) => true;

    public void MoveTo(int index, PortMode mode) => _ports[index].MoveTo(mode);

    public void Close()
    {
        foreach (var port in _ports) port.Close(); // no new connections, and open ones are dropped
    }
}
