using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>Creates the raw loopback sockets behind a node's port.</summary>
internal static class LoopbackSockets
{
    /// <summary>Kestrel's default backlog: a burst of probes must not overflow the queue of a healthy node.</summary>
    public const int ServingBacklog = 512;

    /// <summary>A listening socket. SO_REUSEADDR lets it come back while old server-closed connections sit in TIME_WAIT.</summary>
    public static Socket Listening(int port, int backlog)
    {
        var socket = Bound(port, reuseAddress: true);
        try
        {
            socket.Listen(backlog); // fails if another process co-bound the port with SO_REUSEADDR: treated as taken
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A bound, non-listening socket: connects to it are refused. Without SO_REUSEADDR it is exclusive: nobody else can
    /// bind the port meanwhile, not even with SO_REUSEADDR.
    /// </summary>
    public static Socket Refusing(int port) => Bound(port, reuseAddress: false);

    /// <summary>
    /// <see cref="Refusing"/> for a port this node just stopped listening on: its closed connections may sit in
    /// TIME_WAIT, and then only a SO_REUSEADDR bind succeeds (no longer exclusive against other SO_REUSEADDR binds).
    /// </summary>
    public static Socket RefusingReclaimed(int port)
    {
        try
        {
            return Refusing(port);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return Bound(port, reuseAddress: true);
        }
    }

    /// <summary>
    /// A socket listening on 0.0.0.0:<paramref name="port"/> but only on the loopback interface (see
    /// <see cref="LoopbackDevice"/>): it takes connects to any 127.0.0.0/8 address. SO_REUSEADDR as in <see cref="Listening"/>.
    /// </summary>
    public static Socket ListeningOnLoopbackDevice(int port, int backlog)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            LoopbackDevice.Restrict(socket); // before bind: the port is never open to other interfaces, not even briefly
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            socket.Listen(backlog);
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TooManyOpenSockets)
        {
            socket.Dispose();
            throw new InvalidOperationException("Out of file descriptors while opening the shared port of a simulated fleet.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    private static Socket Bound(int port, bool reuseAddress)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (reuseAddress) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TooManyOpenSockets)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                "Out of file descriptors while opening simulated node ports: each node needs one (a blackholed node three). " +
                "Raise the open-files limit (ulimit -n) or start fewer nodes.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
