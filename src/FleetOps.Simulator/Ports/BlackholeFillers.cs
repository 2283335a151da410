using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// Makes TCP connects to a port time out: the port listens with backlog <see cref="Backlog"/> and is never accepted
/// from, and our own filler connections fill its accept queue; Linux then drops further SYNs (the queue is full once
/// it holds backlog + 1 connections), so a client's connect retries SYNs until it gives up. Verified on Linux 6.x;
/// other kernels may refuse or accept instead.
/// </summary>
internal sealed class BlackholeFillers : IDisposable
{
    public const int Backlog = 1;
    private static readonly TimeSpan FillerConnectTimeout = TimeSpan.FromSeconds(1);

    private readonly List<Socket> _fillers;

    private BlackholeFillers(List<Socket> fillers) => _fillers = fillers;

    /// <summary>
    /// Fills the queue of 127.0.0.1:<paramref name="port"/>, which must listen with <see cref="Backlog"/>. Synchronous on
    /// purpose: it runs inside <see cref="SimulatedFleet.SetFault"/>, and an async connect awaited synchronously there can
    /// wait a second for a starved thread pool to run its completion.
    /// </summary>
    public static BlackholeFillers Fill(int port)
    {
        var fillers = new List<Socket>(Backlog + 1);
        try
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, port);
            for (var i = 0; i < Backlog + 1; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                if (!TryConnect(filler, endPoint)) break; // the queue is already full (a smaller effective backlog): the goal
            }
            return new BlackholeFillers(fillers);
        }
        catch
        {
            foreach (var filler in fillers) filler.Dispose();
            throw;
        }
    }

    /// <summary>A non-blocking connect, waited for with a timeout; false when the SYN was dropped.</summary>
    private static bool TryConnect(Socket filler, EndPoint endPoint)
    {
        filler.Blocking = false;
        try
        {
            filler.Connect(endPoint);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // in progress: wait below
        }
        if (!filler.Poll(FillerConnectTimeout, SelectMode.SelectWrite)) return false;
        var error = (int)filler.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        return error == 0
            ? true
            : throw new InvalidOperationException($"Could not fill the blackhole queue of port {endPoint}: socket error {error}.");
    }

    public void Dispose()
    {
        foreach (var filler in _fillers) filler.Dispose();
    }
}
