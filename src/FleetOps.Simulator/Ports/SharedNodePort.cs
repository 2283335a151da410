using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// The one port of an address-per-node fleet: a socket listening on 0.0.0.0:port, restricted to the loopback interface
/// (see <see cref="LoopbackDevice"/>), that takes connections for every node address (see <see cref="NodeAddresses"/>).
/// Kestrel drains it with a few accept loops (<see cref="Listeners"/>). A connection whose local address is no node of
/// this fleet (127.0.0.1, an address past the last node) is reset at once, before any HTTP.
/// </summary>
internal sealed class SharedNodePort
{
    /// <summary>The kernel caps it at net.core.somaxconn (4096 by default since Linux 5.4).</summary>
    private const int Backlog = 4096;

    private readonly Socket _socket;
    private readonly int _nodes;
    private readonly SocketConnectionContextFactory _contexts;
    private readonly ConcurrentDictionary<ConnectionContext, byte> _open = new();
    private readonly Acceptor[] _acceptors;
    private volatile bool _closed;

    private SharedNodePort(Socket socket, int nodes, int acceptors, SocketConnectionContextFactory contexts)
    {
        _socket = socket;
        _nodes = nodes;
        _contexts = contexts;
        Port = LoopbackSockets.PortOf(socket);
        _acceptors = [.. Enumerable.Range(0, acceptors).Select(_ => new Acceptor(this))];
    }

    public int Port { get; }

    /// <summary>Kestrel listeners, all taking connections from the one socket (each is one accept loop).</summary>
    public IReadOnlyList<IConnectionListener> Listeners => _acceptors;

    /// <summary>Opens a fresh port (see <see cref="FreshPorts"/>) for a fleet of <paramref name="nodes"/> nodes.</summary>
    public static SharedNodePort Open(int nodes, FreshPorts ports, SocketConnectionContextFactory contexts)
    {
        var socket = ports.Open(port => LoopbackSockets.ListeningOnLoopbackDevice(port, Backlog));
        // A handful of accept loops: one keeps up with thousands of connects a second; more help when the pool is busy.
        return new SharedNodePort(socket, nodes, Math.Clamp(Environment.ProcessorCount, 2, 4), contexts);
    }

    /// <summary>Frees the port and drops every open connection; pending and later accepts return null.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        _socket.Dispose();
        foreach (var connection in _open.Keys)
        {
            connection.Abort(new ConnectionAbortedException("The simulated fleet stopped."));
        }
    }

    private async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken)
    {
        while (!_closed)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                continue; // closed: the loop condition ends it
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                continue; // same, seen from a pending accept
            }
            catch (SocketException)
            {
                // A reset while queued, or out of descriptors: try again, but never spin.
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (NodeAddresses.IndexOf((accepted.LocalEndPoint as IPEndPoint)?.Address, _nodes) < 0)
            {
                LoopbackSockets.Reset(accepted);
                continue;
            }
            accepted.NoDelay = true;
            var connection = _contexts.Create(accepted);
            Track(connection);
            return connection;
        }
        return null; // tells Kestrel this endpoint is done
    }

    private void Track(ConnectionContext connection)
    {
        _open.TryAdd(connection, 0);
        connection.ConnectionClosed.Register(static state =>
        {
            var (open, closed) = ((ConcurrentDictionary<ConnectionContext, byte>, ConnectionContext))state!;
            open.TryRemove(closed, out _);
        }, (_open, connection));
        if (_closed) connection.Abort(new ConnectionAbortedException("The simulated fleet stopped."));
    }

    /// <summary>One of Kestrel's accept loops on the shared socket.</summary>
    private sealed class Acceptor(SharedNodePort port) : IConnectionListener
    {
        public EndPoint EndPoint => new IPEndPoint(IPAddress.Any, port.Port);

        public ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default) =>
            port.AcceptAsync(cancellationToken);

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            port.Close();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            port.Close();
            return ValueTask.CompletedTask;
        }
    }
}
