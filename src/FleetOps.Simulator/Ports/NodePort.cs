using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// One node's port, for the whole life of the fleet, and Kestrel's listener for it. One socket holds the port from
/// start to dispose, exclusively (<see cref="ExclusivePort"/>); its <see cref="PortMode"/> changes without ever letting
/// go of it: listening (accepted connections go to Kestrel), bound but not listening (refused), or a listening socket
/// nobody accepts from, with a full queue (blackholed). Kestrel's accept loop waits while the port is not serving.
/// </summary>
internal sealed class NodePort : IConnectionListener
{
    private readonly object _gate = new();
    private readonly Socket _socket;
    private readonly SocketConnectionContextFactory _contexts;
    private readonly ConcurrentDictionary<ConnectionContext, byte> _open = new();
    private readonly IPEndPoint _endPoint;

    private PortMode _mode = PortMode.Listening;
    private BlackholeFillers? _fillers;
    private CancellationTokenSource _accepting = new();
    private TaskCompletionSource _changed = NewSignal();
    private volatile bool _closed;

    private NodePort(Socket listening, SocketConnectionContextFactory contexts)
    {
        _socket = listening;
        _contexts = contexts;
        _endPoint = new IPEndPoint(IPAddress.Loopback, LoopbackSockets.PortOf(listening));
    }

    public int Port => _endPoint.Port;

    /// <summary>The real loopback address; Kestrel reports it as the endpoint's address.</summary>
    public EndPoint EndPoint => _endPoint;

    /// <summary>Claims a fresh port (see <see cref="FreshPorts"/>) and puts it in the given mode.</summary>
    public static NodePort Open(PortMode mode, FreshPorts ports, SocketConnectionContextFactory contexts)
    {
        var port = new NodePort(ports.Open(p => LoopbackSockets.Listening(p, LoopbackSockets.ServingBacklog)), contexts);
        try
        {
            port.MoveTo(mode);
            return port;
        }
        catch
        {
            port.Close();
            throw;
        }
    }

    /// <summary>Claims exactly 127.0.0.1:<paramref name="port"/>, listening; throws <see cref="System.Net.Sockets.SocketException"/> if it is taken.</summary>
    public static NodePort OpenAt(int port, SocketConnectionContextFactory contexts) =>
        new(LoopbackSockets.Listening(port, LoopbackSockets.ServingBacklog), contexts);

    /// <summary>
    /// Switches the port's TCP behaviour, on the same socket. Leaving <see cref="PortMode.Listening"/> aborts the node's
    /// open connections, as a node that dies would: pooled client connections must not keep being served.
    /// </summary>
    public void MoveTo(PortMode mode)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (mode == _mode) return;
            Leave();
            // Until the new mode is in place the port reads Refusing: true of a port that stopped listening, and of one
            // that failed to listen again (it stays bound, and ours).
            _mode = PortMode.Refusing;
            Signal();
            try
            {
                Enter(mode);
            }
            catch (Exception e) when (e is SocketException or InvalidOperationException)
            {
                throw new InvalidOperationException($"Could not make port {Port} {mode}: {e.Message}", e);
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
            Task changed;
            CancellationToken accepting;
            bool serving;
            lock (_gate)
            {
                if (_closed) return null; // tells Kestrel this endpoint is done
                changed = _changed.Task;
                accepting = _accepting.Token;
                serving = _mode == PortMode.Listening;
            }
            if (!serving)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            Socket accepted;
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(accepting, cancellationToken);
                accepted = await _socket.AcceptAsync(either.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested &&
                e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The mode changed or the fleet stops (the accept was cancelled, or failed on a socket that stopped
                // listening), or a reset while queued, or out of descriptors: look again, after a pause for the last.
                // Task.Yield first: a cancellation may run this inline inside MoveTo's lock.
                await Task.Yield();
                if (e is SocketException { SocketErrorCode: not (SocketError.InvalidArgument or SocketError.OperationAborted or SocketError.Interrupted) })
                    await Task.WhenAny(changed, Task.Delay(50, cancellationToken)).ConfigureAwait(false);
                continue;
            }

            lock (_gate)
            {
                if (_closed || _mode != PortMode.Listening)
                {
                    LoopbackSockets.Reset(accepted); // accepted just as the node went down: it must not be served
                    continue;
                }
                accepted.NoDelay = true;
                var connection = _contexts.Create(accepted);
                Track(connection);
                return connection;
            }
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
            _accepting.Cancel();
            _fillers?.Dispose();
            _socket.Dispose();
            Signal();
        }
        AbortOpenConnections();
    }

    private void Leave()
    {
        switch (_mode)
        {
            case PortMode.Listening:
                _accepting.Cancel();
                ExclusivePort.Unlisten(_socket); // resets connections still queued
                break;
            case PortMode.Blackholed:
                ExclusivePort.Unlisten(_socket); // resets the fillers' queued connections, then the fillers go
                _fillers?.Dispose();
                _fillers = null;
                break;
        }
    }

    private void Enter(PortMode mode)
    {
        switch (mode)
        {
            case PortMode.Listening:
                ExclusivePort.Listen(_socket, LoopbackSockets.ServingBacklog);
                _accepting = new CancellationTokenSource(); // the old one stays cancelled for accepts that still hold it
                break;
            case PortMode.Blackholed:
                ExclusivePort.Listen(_socket, BlackholeFillers.Backlog);
                _fillers = BlackholeFillers.Fill(Port);
                break;
        }
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
