using System.Net;
using System.Net.Sockets;

namespace FleetOps.Cli.Local;

public static class LoopbackPort
{
    /// <summary>A loopback port that was free a moment ago: the OS picks it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
