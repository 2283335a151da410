using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>Creates the raw loopback sockets behind the fleet's ports, each held exclusively (see <see cref="ExclusivePort"/>).</summary>
internal static class LoopbackSockets
{
    /// <summary>Kestrel's default backlog: a burst of probes must not overflow the queue of a healthy node.</summary>
    public const int ServingBacklog = 512;

    /// <summary>A socket listening on 127.0.0.1:<paramref name="port"/>; throws AddressAlreadyInUse if anyone else has the port.</summary>
    public static Socket Listening(int port, int backlog) =>
        ExclusivePort.Claim(NewSocket(), new IPEndPoint(IPAddress.Loopback, port), backlog);

    /// <summary>
    /// A socket listening on 0.0.0.0:<paramref name="port"/> but only on the loopback interface (see
    /// <see cref="LoopbackDevice"/>): it takes connects to any 127.0.0.0/8 address.
    /// </summary>
    public static Socket ListeningOnLoopbackDevice(int port, int backlog)
    {
        var socket = NewSocket();
        try
        {
            LoopbackDevice.Restrict(socket); // before bind: the port is never open to other interfaces, not even briefly
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return ExclusivePort.Claim(socket, new IPEndPoint(IPAddress.Any, port), backlog);
    }

    public static int PortOf(Socket socket) => ExclusivePort.PortOf(socket);

    /// <summary>Closes an accepted connection with an RST (linger 0): the client sees "connection reset", no TIME_WAIT is left.</summary>
    public static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // already reset by the peer: closing is all that is left
        }
        socket.Dispose();
    }

    private static Socket NewSocket()
    {
        try
        {
            return new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TooManyOpenSockets)
        {
            throw new InvalidOperationException(
                "Out of file descriptors while opening simulated node ports: each node needs one (a blackholed node three). " +
                "Raise the open-files limit (ulimit -n) or start fewer nodes.", e);
        }
    }
}
