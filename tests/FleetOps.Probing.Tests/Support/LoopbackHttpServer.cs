using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FleetOps.Probing.Tests.Support;

/// <summary>One request the test server received: its number (1-based, in arrival order) and its request line.</summary>
internal sealed class Exchange(int number, string requestLine, NetworkStream stream, CancellationToken stopping)
{
    public int Number { get; } = number;
    public string RequestLine { get; } = requestLine;

    /// <summary>Cancelled when the server is disposed.</summary>
    public CancellationToken Stopping { get; } = stopping;

    public Task RespondAsync(int status) => WriteRawAsync($"HTTP/1.1 {status} Test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    /// <summary>Sends these bytes as the response, valid HTTP or not.</summary>
    public async Task WriteRawAsync(string response)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), Stopping);
        await stream.FlushAsync(Stopping);
    }

    /// <summary>Accepts the request and never answers (until the server is disposed).</summary>
    public Task HangAsync() => Task.Delay(Timeout.Infinite, Stopping);
}

/// <summary>
/// A minimal HTTP/1.1 server on a real loopback socket: reads a request head, hands it to the handler, closes the
/// connection. A handler that returns without responding closes the connection with no response.
/// Counts connections, requests, and the most requests it held at once.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<Exchange, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _connectionCount, _requestCount, _inFlight, _maxInFlight;

    public LoopbackHttpServer(Func<Exchange, Task> handler, IPAddress? address = null)
    {
        _handler = handler;
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start(backlog: 256);
        var endpoint = (IPEndPoint)_listener.LocalEndpoint;
        Port = endpoint.Port;
        Address = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{Port}" : $"{endpoint.Address}:{Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    public static LoopbackHttpServer Status(int status) => new(x => x.RespondAsync(status));

    public int Port { get; }

    /// <summary>"127.0.0.1:port" (or "[::1]:port"): a target address.</summary>
    public string Address { get; }

    public int Connections => Volatile.Read(ref _connectionCount);
    public int Requests => Volatile.Read(ref _requestCount);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>
    /// The request count once it reaches <paramref name="expected"/> or <paramref name="limit"/> passes. A client that
    /// gave up (timed out) may have sent its request before this server's loop read it: on a loaded machine the read
    /// comes later, so a count taken right after the client returned can be short.
    /// </summary>
    public async Task<int> RequestsWhenAtLeastAsync(int expected, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Requests < expected && DateTime.UtcNow < deadline) await Task.Delay(20);
        return Requests;
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connectionCount);
            lock (_connections) _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var requestLine = await ReadHeadAsync(stream, _stop.Token);
            if (requestLine is null) return;
            var number = Interlocked.Increment(ref _requestCount);
            var now = Interlocked.Increment(ref _inFlight);
            for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
                if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max) break;
            try { await _handler(new Exchange(number, requestLine, stream, _stop.Token)); }
            finally { Interlocked.Decrement(ref _inFlight); }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    /// <summary>The request line, once the whole head ("\r\n\r\n") is in; null if the client closed first.</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0) return null;
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal)) return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
