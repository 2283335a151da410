using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FleetOps.Probing.Tests.Probes.Servers;

/// <summary>A loopback TCP server that runs a script per connection and records what each client sent.</summary>
internal sealed class TcpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<NetworkStream, CancellationToken, Task> _session;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _acceptLoop;

    public TcpTestServer(Func<NetworkStream, CancellationToken, Task> session)
    {
        _session = session;
        _listener.Start();
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    public string Address { get; }

    /// <summary>What clients sent, per connection, as far as the script read it.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>Sends a banner, then holds the connection (or closes it).</summary>
    public static TcpTestServer Banner(string banner, bool thenClose) => new(async (stream, ct) =>
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(banner), ct);
        if (!thenClose) await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>Reads one line (to "\n") and writes it back prefixed with "echo: ".</summary>
    public static TcpTestServer Echo()
    {
        TcpTestServer? server = null;
        server = new TcpTestServer(async (stream, ct) =>
        {
            var line = await ReadLineAsync(stream, ct);
            server!.Received.Enqueue(line);
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"echo: {line}"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        return server;
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, ct) == 1)
        {
            bytes.Add(one[0]);
            if (one[0] == '\n') break;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _sessions.Add(RunAsync(client));
        }
    }

    private async Task RunAsync(TcpClient client)
    {
        using var _ = client;
        try { await _session(client.GetStream(), _stop.Token); }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }
}
