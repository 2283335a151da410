using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// One node's port, for the whole life of the fleet, and Kestrel's listener for it. The port keeps its number while
/// its <see cref="PortMode"/> changes: a listening socket (accepted connections go to Kestrel), a bound-only socket
/// (refused), or a blackhole. Kestrel's accept loop simply waits while the port is not listening.
/// </summary>
internal sealed class NodePort : IConnectionListener
{
    private readonly object _gate = new();
    private readonly SocketConnectionContextFactory _contexts;
    private readonly ConcurrentDictionary<ConnectionContext, byte> _open = new();
    private readonly IPEndPoint _endPoint;

    private PortMode _mode;
    private Socket? _listening;
    private Socket? _refusing;
    private BlackholeSocket? _blackhole;
    private TaskCompletionSource _changed = NewSignal();
    private bool _closed;

    private NodePort(PortMode mode, int port, SocketConnectionContextFactory contexts)
    {
        _mode = mode;
        _contexts = contexts;
        _endPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public int Port => _endPoint.Port;

    /// <summary>The real loopback address; Kestrel reports it as the endpoint's address.</summary>
    public EndPoint EndPoint => _endPoint;

    /// <summary>Opens a fresh port (see <see cref="FreshPorts"/>) in the given mode.</summary>
    public static NodePort Open(PortMode mode, FreshPorts ports, SocketConnectionContextFactory contexts)
    {
        switch (mode)
        {
            case PortMode.Listening:
                var listening = ports.Open(port => LoopbackSockets.Listening(port, LoopbackSockets.ServingBacklog));
                return new NodePort(mode, LoopbackSockets.PortOf(listening), contexts) { _listening = listening };
            case PortMode.Refusing:
                var refusing = ports.Open(LoopbackSockets.Refusing);
                return new NodePort(mode, LoopbackSockets.PortOf(refusing), contexts) { _refusing = refusing };
            default:
                var blackhole = BlackholeSocket.OpenOnFreshPort(ports);
                return new NodePort(mode, blackhole.Port, contexts) { _blackhole = blackhole };
        }
    }

    /// <summary>
    /// Switches the port's TCP behaviour. Leaving <see cref="PortMode.Listening"/> aborts the node's open connections,
    /// as a node that dies would: pooled client connections must not keep being served.
    /// </summary>
    public void MoveTo(PortMode mode)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (mode == _mode) return;
            ReleaseSockets();
            // Until the new socket is bound the mode reads Refusing: true of a closed port, and of one we failed to re-open.
            _mode = PortMode.Refusing;
            Signal();
            try
            {
                Acquire(mode);
            }
            catch (Exception e) when (e is SocketException or InvalidOperationException)
            {
                throw new InvalidOperationException($"Could not re-open port {Port} as {mode}: {e.Message}", e);
            }
            _mode = mode;
            Signal();
        }
        if (mode != PortMode.Listening) AbortOpenConnections();
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket? listening;
            Task changed;
            lock (_gate)
            {
                if (_closed) return null; // tells Kestrel this endpoint is done
                listening = _listening;
                changed = _changed.Task;
            }
            if (listening is null)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            Socket accepted;
            try
            {
                accepted = await listening.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                continue; // we closed this socket: the mode changed or the fleet stops
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                continue; // same, seen from a pending accept
            }
            catch (SocketException)
            {
                // A reset while queued, or out of descriptors: try again, but never spin.
                await Task.WhenAny(changed, Task.Delay(50, cancellationToken)).ConfigureAwait(false);
                continue;
            }

            accepted.NoDelay = true;
            var connection = _contexts.Create(accepted);
            Track(connection);
            return connection;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        Close();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Frees the port for good and drops its open connections (so Kestrel's shutdown has nothing left to drain);
    /// pending and later accepts return null.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            ReleaseSockets();
            Signal();
        }
        AbortOpenConnections();
    }

    private void Acquire(PortMode mode)
    {
        switch (mode)
        {
            case PortMode.Listening:
                _listening = LoopbackSockets.Listening(Port, LoopbackSockets.ServingBacklog);
                break;
            case PortMode.Refusing:
                _refusing = LoopbackSockets.RefusingReclaimed(Port);
                break;
            default:
                _blackhole = BlackholeSocket.Open(Port);
                break;
        }
    }

    private void ReleaseSockets()
    {
        _listening?.Dispose();
        _refusing?.Dispose();
        _blackhole?.Dispose();
        _listening = null;
        _refusing = null;
        _blackhole = null;
    }

    private void Track(ConnectionContext connection)
    {
        _open.TryAdd(connection, 0);
        connection.ConnectionClosed.Register(static state =>
        {
            var (open, closed) = ((ConcurrentDictionary<ConnectionContext, byte>, ConnectionContext))state!;
            open.TryRemove(closed, out _);
        }, (_open, connection));
    }

    private void AbortOpenConnections()
    {
        foreach (var connection in _open.Keys)
        {
            connection.Abort(new ConnectionAbortedException("The simulated node went down or the fleet stopped."));
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
