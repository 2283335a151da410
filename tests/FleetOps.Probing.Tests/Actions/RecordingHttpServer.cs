using System.Net;
using System.Net.Sockets;
using System.Text;

using FleetOps.Probing.Actions;

namespace FleetOps.Probing.Tests.Actions;

/// <summary>A request as it arrived on the wire.</summary>
internal sealed record RecordedRequest(int Number, int Connection, string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body, TimeSpan At)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    public int HeaderCount(string name) => Headers.Count(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What the server does with a request: answer (status, body, keep the connection or not), or hang.</summary>
internal sealed record Reply(int Status, string Body = "", bool Close = false, bool Hang = false, string ExtraHeaders = "")
{
    public static Reply Hangs { get; } = new(0, Hang: true);
}

/// <summary>
/// An HTTP/1.1 server on a real loopback socket (TcpListener) that records every request — method, target, headers
/// in order, body (by Content-Length) — and answers from a script. Keeps connections alive unless told to close,
/// so tests can see whether the client reuses them.
/// </summary>
internal sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RecordedRequest, Reply> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly Task _acceptLoop;
    private int _connectionCount;

    public RecordingHttpServer(Func<RecordedRequest, Reply> reply, IPAddress? address = null)
    {
        _reply = reply;
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        var endpoint = (IPEndPoint)_listener.LocalEndpoint;
        Address = $"{endpoint.Address}:{endpoint.Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Answers the n-th request (1-based) with <c>statuses[n-1]</c>, the last one repeating.</summary>
    public static RecordingHttpServer Statuses(params int[] statuses) =>
        new(r => new Reply(statuses[Math.Min(r.Number, statuses.Length) - 1], $"answer {r.Number}"));

    /// <summary>"127.0.0.1:port": a target address.</summary>
    public string Address { get; }

    public int Connections => Volatile.Read(ref _connectionCount);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            var number = Interlocked.Increment(ref _connectionCount);
            lock (_connections) _connections.Add(ServeAsync(client, number));
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new HeadReader(stream);
            while (await reader.ReadRequestAsync(_stop.Token) is var (head, body) && head is not null)
            {
                var request = Record(head, body, connection);
                var reply = _reply(request);
                if (reply.Hang) { await Task.Delay(Timeout.Infinite, _stop.Token); return; }
                var bytes = Encoding.UTF8.GetBytes(reply.Body);
                var response = $"HTTP/1.1 {reply.Status} Test\r\nContent-Length: {bytes.Length}\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + reply.ExtraHeaders + (reply.Close ? "Connection: close\r\n" : "") + "\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
                await stream.WriteAsync(bytes, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (reply.Close) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    private RecordedRequest Record(string head, string body, int connection)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim())).ToList();
        lock (_requests)
        {
            var request = new RecordedRequest(_requests.Count + 1, connection, parts[0], parts[1], headers, body,
                System.Diagnostics.Stopwatch.GetElapsedTime(_started));
            _requests.Add(request);
            return request;
        }
    }

    /// <summary>Reads request heads and Content-Length bodies off one connection, keeping what arrives early.</summary>
    private sealed class HeadReader(NetworkStream stream)
    {
        private readonly List<byte> _pending = [];

        public async Task<(string? Head, string Body)> ReadRequestAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[8192];
            int end;
            while ((end = IndexOfHeadEnd()) < 0)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0) return (null, "");
                _pending.AddRange(buffer.AsSpan(0, read));
            }
            var head = Encoding.ASCII.GetString([.. _pending.Take(end)]);
            _pending.RemoveRange(0, end + 4);
            var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            while (_pending.Count < length)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0) return (null, "");
                _pending.AddRange(buffer.AsSpan(0, read));
            }
            var body = Encoding.UTF8.GetString([.. _pending.Take(length)]);
            _pending.RemoveRange(0, length);
            return (head, body);
        }

        private int IndexOfHeadEnd()
        {
            for (var i = 0; i + 3 < _pending.Count; i++)
                if (_pending[i] == '\r' && _pending[i + 1] == '\n' && _pending[i + 2] == '\r' && _pending[i + 3] == '\n') return i;
            return -1;
        }
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
