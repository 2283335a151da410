using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FleetOps.Simulator.Tests.Support;

/// <summary>
/// One HTTP/1.1 GET over a brand-new TCP connection (closed after the answer), with no client library in between: what
/// a prober that never reuses a connection across nodes does, and the remote end point is the node's own.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, string Body, IPEndPoint Remote, IReadOnlyDictionary<string, string> Headers);

    public static IPEndPoint EndPointOf(SimulatedNode node) => new(IPAddress.Parse(node.Host), node.Port);

    public static async Task<Answer> GetAsync(IPEndPoint node, string path, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(node, ct);
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {node}\r\nConnection: close\r\n\r\n");
        await socket.SendAsync(request, SocketFlags.None, ct);

        var received = new MemoryStream();
        var buffer = new byte[1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0) received.Write(buffer, 0, read);

        var text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || headerEnd < 0)
            throw new InvalidDataException($"Not an HTTP answer from {node}: '{text}'");
        var status = int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text[..headerEnd].Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new Answer(status, text[(headerEnd + 4)..], (IPEndPoint)socket.RemoteEndPoint!, headers);
    }
}
