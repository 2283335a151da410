using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// Holds a TCP port so that no other socket, in this process or another, can serve it while we hold it.
/// <para>
/// Why this is needed (issue 12), on Linux: <c>SetSocketOption(ReuseAddress, true)</c> in .NET sets SO_REUSEPORT as
/// well as SO_REUSEADDR, and two listening sockets of the same user that both have SO_REUSEPORT share the port: the
/// kernel spreads new connections over both. Two fleets did exactly that, so one fleet's hung or wrong-status node was
/// often answered by the other fleet's healthy one. Also, .NET sets SO_REUSEADDR on every TCP bind on Unix (whatever
/// <see cref="Socket.ExclusiveAddressUse"/> says), and a bound socket that is not listening and has SO_REUSEADDR can be
/// co-bound by any other socket that sets it too, which may then listen and serve it: a "down" node's reserved port.
/// So: SO_REUSEPORT is never set, and SO_REUSEADDR only while the socket listens (a listening socket keeps the port
/// against SO_REUSEADDR alone).
/// </para>
/// <para>
/// SO_REUSEADDR is on while listening so that connections the socket accepted, which inherit the flag, do not later
/// block our own re-listen from TIME_WAIT. A port stops listening with <see cref="Unlisten"/> (Linux: connect with
/// AF_UNSPEC), which keeps the bind, instead of being closed and bound again: there is no moment without an owner.
/// </para>
/// </summary>
internal static partial class ExclusivePort
{
    private const int SolSocket = 1;    // SOL_SOCKET on Linux
    private const int SoReuseAddr = 2;  // SO_REUSEADDR on Linux
    private const int SoReusePort = 15; // SO_REUSEPORT on Linux

    /// <summary>
    /// Binds <paramref name="socket"/> to <paramref name="endPoint"/> and listens, with SO_REUSEADDR off for the listen:
    /// the kernel then refuses (EADDRINUSE, a <see cref="SocketException"/>) if any other socket shares the port, a
    /// co-binder or a connection left in TIME_WAIT by an earlier owner. Disposes the socket on failure.
    /// </summary>
    public static Socket Claim(Socket socket, IPEndPoint endPoint, int backlog)
    {
        try
        {
            socket.SetRawSocketOption(SolSocket, SoReusePort, Off);
            socket.Bind(endPoint); // .NET turns SO_REUSEADDR on here...
            SetReuse(socket, false); // ...so it goes off before anyone can co-bind past a listen
            socket.Listen(backlog);
            SetReuse(socket, true);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops listening but keeps the port bound (and SO_REUSEADDR off, so nobody else can bind it): new connects are
    /// refused, and connections waiting in the accept queue are reset. Linux only.
    /// </summary>
    public static void Unlisten(Socket socket)
    {
        SetReuse(socket, false); // first: the socket stays exclusive at every instant
        Span<byte> unspecified = stackalloc byte[16]; // struct sockaddr with sa_family = AF_UNSPEC (0)
        unspecified.Clear();
        if (Connect((int)socket.Handle, unspecified, unspecified.Length) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SocketException(errno, $"could not stop listening on port {PortOf(socket)} (errno {errno})");
        }
    }

    /// <summary>
    /// Listens again on a port held by <see cref="Unlisten"/>. First without SO_REUSEADDR (nobody can slip in); only
    /// if our own earlier connections in TIME_WAIT refuse that, with it, which they (having inherited it) accept.
    /// </summary>
    public static void Listen(Socket socket, int backlog)
    {
        try
        {
            socket.Listen(backlog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            SetReuse(socket, true);
            try
            {
                socket.Listen(backlog);
            }
            catch
            {
                SetReuse(socket, false);
                throw;
            }
        }
        SetReuse(socket, true);
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    private static ReadOnlySpan<byte> On => [1, 0, 0, 0];
    private static ReadOnlySpan<byte> Off => [0, 0, 0, 0];

    private static void SetReuse(Socket socket, bool on) => socket.SetRawSocketOption(SolSocket, SoReuseAddr, on ? On : Off);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int fd, ReadOnlySpan<byte> address, int length);
}
