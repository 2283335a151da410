using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>Creates the raw loopback sockets behind a node's port.</summary>
internal static class LoopbackSockets
{
    /// <summary>Kestrel's default backlog: a burst of probes must not overflow the queue of a healthy node.</summary>
    public const int ServingBacklog = 512;

    public static Socket Bound(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Moving a port back to Listening must succeed while old server-closed connections sit in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
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

    public static Socket Listening(int port, int backlog)
    {
        var socket = Bound(port);
        try
        {
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;
}
