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

    /// <param name="port">0 for a fresh port.</param>
    public static async Task<BlackholeSocket> OpenAsync(int port, CancellationToken cancellationToken)
    {
        var listener = LoopbackSockets.Listening(port, Backlog);
        var fillers = new List<Socket>(Backlog + 1);
        try
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, LoopbackSockets.PortOf(listener));
            for (var i = 0; i < Backlog + 1; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(FillerConnectTimeout);
                try
                {
                    await filler.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break; // the queue is already full (a kernel with a smaller effective backlog): that is the goal
                }
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

    public void Dispose()
    {
        foreach (var filler in _fillers) filler.Dispose();
        _listener.Dispose();
    }
}
