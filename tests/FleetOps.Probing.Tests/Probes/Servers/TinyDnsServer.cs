using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FleetOps.Probing.Tests.Probes.Servers;

/// <summary>
/// An authoritative-looking DNS server on a loopback UDP port, enough for probes: one question per query, answers
/// from a small zone (A, AAAA, CNAME, TXT, MX), NXDOMAIN for unknown names, a chosen RCODE per name, or silence.
/// Its encoder and decoder follow RFC 1035 §4 with no name compression except the answer's pointer to the question.
/// </summary>
internal sealed class TinyDnsServer : IAsyncDisposable
{
    public const ushort A = 1, NS = 2, CNAME = 5, MX = 15, TXT = 16, AAAA = 28;
    public const int NoError = 0, ServFail = 2, NxDomain = 3, Refused = 5;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, List<(ushort Type, byte[] Data)>> _zone = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _rcodes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;
    private int _queries;

    public TinyDnsServer(IPAddress? address = null)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        Resolver = _socket.LocalEndPoint!.ToString()!;
        _loop = ServeAsync();
    }

    /// <summary>"127.0.0.1:port": a dns check's resolver.</summary>
    public string Resolver { get; }
    public int Queries => Volatile.Read(ref _queries);
    public bool Silent { get; set; }

    public TinyDnsServer Address(string name, string ip) =>
        Add(name, IPAddress.Parse(ip).AddressFamily == AddressFamily.InterNetworkV6 ? AAAA : A, IPAddress.Parse(ip).GetAddressBytes());
    public TinyDnsServer Cname(string name, string target) => Add(name, CNAME, EncodeName(target));
    public TinyDnsServer Txt(string name, params string[] strings) =>
        Add(name, TXT, [.. strings.SelectMany(s => new[] { (byte)Encoding.UTF8.GetByteCount(s) }.Concat(Encoding.UTF8.GetBytes(s)))]);
    public TinyDnsServer Mx(string name, ushort preference, string exchange) =>
        Add(name, MX, [(byte)(preference >> 8), (byte)preference, .. EncodeName(exchange)]);
    public TinyDnsServer Rcode(string name, int rcode) { _rcodes[name] = rcode; return this; }

    private TinyDnsServer Add(string name, ushort type, byte[] data)
    {
        if (!_zone.TryGetValue(name, out var records)) _zone[name] = records = [];
        records.Add((type, data));
        return this;
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[1500];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try { received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _queries);
            if (Silent) continue;
            var reply = Answer(buffer.AsSpan(0, received.ReceivedBytes));
            try { await _socket.SendToAsync(reply, received.RemoteEndPoint, _stop.Token); }
            catch (Exception) { return; }
        }
    }

    /// <summary>Header (12 bytes), the question echoed, then answers, each named by a pointer to the question (0xC00C).</summary>
    private byte[] Answer(ReadOnlySpan<byte> query)
    {
        var (name, questionEnd) = DecodeName(query, 12);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query[questionEnd..]);
        questionEnd += 4; // type and class
        var answers = new List<(ushort Type, byte[] Data)>();
        var rcode = _rcodes.TryGetValue(name, out var forced) ? forced : _zone.ContainsKey(name) ? NoError : NxDomain;
        if (rcode == NoError)
        {
            // As a recursive resolver would: a CNAME is followed (within the zone) for other types.
            var current = name;
            for (var hops = 0; hops < 8 && _zone.TryGetValue(current, out var records); hops++)
            {
                answers.AddRange(records.Where(r => r.Type == type));
                var cname = records.FirstOrDefault(r => r.Type == CNAME);
                if (type == CNAME || cname.Data is null) break;
                answers.Add(cname);
                current = DecodeName(cname.Data, 0).Name;
            }
        }

        var reply = new List<byte>(512);
        reply.AddRange(query[..2].ToArray()); // id
        var recursionDesired = query[2] & 0x01;
        reply.AddRange([(byte)(0x80 | recursionDesired), (byte)(0x80 | rcode)]); // QR, RD as asked; RA, RCODE
        reply.AddRange([0, 1, (byte)(answers.Count >> 8), (byte)answers.Count, 0, 0, 0, 0]);
        reply.AddRange(query[12..questionEnd].ToArray());
        foreach (var (answerType, data) in answers)
        {
            reply.AddRange([0xC0, 0x0C, (byte)(answerType >> 8), (byte)answerType, 0, 1, 0, 0, 0, 60]); // name, type, IN, TTL 60
            reply.AddRange([(byte)(data.Length >> 8), (byte)data.Length]);
            reply.AddRange(data);
        }
        return [.. reply];
    }

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return [.. bytes];
    }

    private static (string Name, int End) DecodeName(ReadOnlySpan<byte> message, int offset)
    {
        var labels = new List<string>();
        while (message[offset] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(message.Slice(offset + 1, message[offset])));
            offset += message[offset] + 1;
        }
        return (string.Join('.', labels), offset + 1);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
