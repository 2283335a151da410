using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FleetOps.Probing.Tests.Probes.Servers;

/// <summary>A request as the server read it: what actually reached the wire.</summary>
internal sealed record ReceivedRequest(int Number, string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>What the server answers.</summary>
internal sealed record Reply(int Status, string Body = "")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Announce this many bytes and write them until done or the client goes away.</summary>
    public long? StreamedBytes { get; init; }

    public TimeSpan Delay { get; init; }

    public static Reply Redirect(int status, string location) => new(status) { Headers = new Dictionary<string, string> { ["Location"] = location } };
}

/// <summary>
/// HTTP/1.1 (or HTTPS, given a certificate) on a real loopback socket: one request per connection, every request
/// recorded with its method, headers and body.
/// </summary>
internal sealed class HttpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<ReceivedRequest, Reply> _handler;
    private readonly X509Certificate2? _certificate;
    private readonly SslProtocols _protocols;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _acceptLoop;
    private int _requests, _connections, _handshakes;
    private long _bytesWritten;

    public HttpTestServer(Func<ReceivedRequest, Reply> handler, X509Certificate2? certificate = null, IPAddress? address = null,
        SslProtocols protocols = SslProtocols.None)
    {
        (_handler, _certificate, _protocols) = (handler, certificate, protocols);
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start(backlog: 64);
        var endpoint = (IPEndPoint)_listener.LocalEndpoint;
        Port = endpoint.Port;
        Address = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{Port}" : $"{endpoint.Address}:{Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    public static HttpTestServer Status(int status, string body = "") => new(_ => new Reply(status, body));

    public int Port { get; }
    public string Address { get; }
    public string Url(string path = "/") => $"{(_certificate is null ? "http" : "https")}://{Address}{path}";

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();
    public int Requests => Volatile.Read(ref _requests);
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Handshakes the server saw complete. Under TLS 1.3 that includes ones the client then rejects.</summary>
    public int Handshakes => Volatile.Read(ref _handshakes);
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connections);
            _sessions.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (_certificate is not null)
            {
                var ssl = new SslStream(stream);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate, EnabledSslProtocols = _protocols }, _stop.Token);
                Interlocked.Increment(ref _handshakes);
            }
            await using var __ = stream;
            var request = await ReadRequestAsync(stream, _stop.Token);
            if (request is null) return; // connected (maybe handshook) but sent no request
            request = request with { Number = Interlocked.Increment(ref _requests) };
            Received.Enqueue(request);
            var reply = _handler(request);
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stop.Token);
            await WriteReplyAsync(stream, reply, _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or AuthenticationException)
        {
            // The client went away (or refused our certificate), or the server is stopping.
        }
    }

    private static async Task<ReceivedRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        int headEnd;
        while ((headEnd = IndexOf(buffer, length, "\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length) return null;
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0) return null;
            length += read;
        }
        var lines = Encoding.ASCII.GetString(buffer, 0, headEnd).Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            headers[name] = headers.TryGetValue(name, out var prior) ? $"{prior}, {value}" : value;
        }
        var bodyLength = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[bodyLength];
        var have = Math.Min(bodyLength, length - headEnd - 4);
        Array.Copy(buffer, headEnd + 4, body, 0, have);
        await stream.ReadExactlyAsync(body.AsMemory(have), cancellationToken);
        return new ReceivedRequest(0, parts[0], parts[1], headers, Encoding.UTF8.GetString(body));
    }

    private async Task WriteReplyAsync(Stream stream, Reply reply, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(reply.Body);
        var head = new StringBuilder($"HTTP/1.1 {reply.Status} Test\r\nContent-Length: {reply.StreamedBytes ?? body.Length}\r\nConnection: close\r\n");
        foreach (var (name, value) in reply.Headers) head.Append($"{name}: {value}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        if (reply.StreamedBytes is not { } total)
        {
            await stream.WriteAsync(body, cancellationToken);
            return;
        }
        var chunk = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
        for (long sent = 0; sent < total; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, total - sent)), cancellationToken);
            Interlocked.Add(ref _bytesWritten, chunk.Length);
        }
    }

    private static int IndexOf(byte[] buffer, int length, ReadOnlySpan<byte> value) => buffer.AsSpan(0, length).IndexOf(value);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }
}
