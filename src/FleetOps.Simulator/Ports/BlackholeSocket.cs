using System.Net;
using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// A port whose TCP connects time out. It listens with backlog 1 and never accepts; our own filler connections fill
/// the accept queue, and Linux then drops further SYNs (the queue is full once it holds backlog + 1 connections),
/// so a client's connect retries SYNs until it gives up. Verified on Linux 6.x; other kernels may refuse or accept instead.
/// </summary>
internal sealed class BlackholeSocket : IDisposable
{
    private const int Backlog = 1;
    private static readonly TimeSpan FillerConnectTimeout = TimeSpan.FromSeconds(1);

    private readonly Socket _listener;
    private readonly List<Socket> _fillers;

    private BlackholeSocket(Socket listener, List<Socket> fillers)
    {
        _listener = listener;
        _fillers = fillers;
    }

    public int Port => LoopbackSockets.PortOf(_listener);

    /// <summary>
    /// Opening is synchronous on purpose: it runs inside <see cref="SimulatedFleet.SetFault"/>, and an async connect awaited
    /// synchronously there can wait a second for a starved thread pool to run its completion.
    /// </summary>
    public static BlackholeSocket Open(int port) => Fill(LoopbackSockets.Listening(port, Backlog));

    public static BlackholeSocket OpenOnFreshPort(FreshPorts ports) => Fill(ports.Open(port => LoopbackSockets.Listening(port, Backlog)));

    private static BlackholeSocket Fill(Socket listener)
    {
        var fillers = new List<Socket>(Backlog + 1);
        try
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, LoopbackSockets.PortOf(listener));
            for (var i = 0; i < Backlog + 1; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                if (!TryConnect(filler, endPoint)) break; // the queue is already full (a smaller effective backlog): the goal
            }
            return new BlackholeSocket(listener, fillers);
        }
        catch
        {
            foreach (var filler in fillers) filler.Dispose();
            listener.Dispose();
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
        _listener.Dispose();
    }
}
