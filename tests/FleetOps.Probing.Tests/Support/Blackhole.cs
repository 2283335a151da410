using System.Net;
using System.Net.Sockets;

namespace FleetOps.Probing.Tests.Support;

/// <summary>
/// A loopback port where connects hang, like a host that drops packets: a listener that never accepts, its
/// accept queue filled, so the kernel drops further SYNs. Probes to it neither connect nor get refused.
/// </summary>
internal sealed class Blackhole : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<Socket> _fillers = [];

    public Blackhole()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 1);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        for (var i = 0; i < 16; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _fillers.Add(socket);
            var connect = socket.ConnectAsync(IPAddress.Loopback, Port);
            // The first connect also pays for JIT and socket set-up: give it time, or a cold start reads as "hangs".
            if (!connect.Wait(TimeSpan.FromMilliseconds(i == 0 ? 5_000 : 500))) return; // this one hangs: the queue is full
        }
        throw new InvalidOperationException("connects to a full accept queue still complete here: cannot make a blackhole");
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        _listener.Stop();
        foreach (var socket in _fillers) socket.Dispose();
    }
}
