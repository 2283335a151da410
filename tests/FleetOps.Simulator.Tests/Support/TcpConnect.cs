using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Tests.Support;

public enum ConnectOutcome { Connected, Refused, TimedOut }

/// <summary>A raw TCP connect (to a loopback port unless told otherwise), reduced to what the simulator promises.</summary>
public static class TcpConnect
{
    public static Task<ConnectOutcome> TryAsync(int port, TimeSpan timeout) =>
        TryAsync(new IPEndPoint(IPAddress.Loopback, port), timeout);

    public static async Task<ConnectOutcome> TryAsync(IPEndPoint endPoint, TimeSpan timeout)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, cts.Token);
            return ConnectOutcome.Connected;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return ConnectOutcome.Refused;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return ConnectOutcome.TimedOut;
        }
    }
}
