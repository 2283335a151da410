using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Tests.Support;

/// <summary>
/// Another program that wants a port: binds it with SO_REUSEADDR (what .NET, and many servers, do) and optionally
/// SO_REUSEPORT, then listens. If that works, it could answer in place of a simulated node.
/// </summary>
public static class Intruder
{
    private const int SolSocket = 1, SoReuseAddr = 2, SoReusePort = 15; // Linux

    /// <summary>True if the intruder could bind and listen on <paramref name="address"/>:<paramref name="port"/> (it lets go at once).</summary>
    public static bool CanServe(IPAddress address, int port, bool reusePort = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        if (reusePort) socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }

    /// <summary>Every way of <see cref="CanServe"/> that could reach a connect to <paramref name="node"/>'s address.</summary>
    public static IEnumerable<string> WaysToTake(IPEndPoint node)
    {
        foreach (var address in new[] { node.Address, IPAddress.Any })
        {
            foreach (var reusePort in new[] { false, true })
            {
                if (CanServe(address, node.Port, reusePort)) yield return $"{address}:{node.Port} (SO_REUSEADDR{(reusePort ? " + SO_REUSEPORT" : "")})";
            }
        }
    }
}
