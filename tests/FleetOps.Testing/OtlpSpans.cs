using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FleetOps.Testing;

/// <summary>One span as an OTLP/HTTP exporter sent it: ids in hex, the instrumentation scope and the attributes as text.</summary>
public sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string Scope, IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;
}

/// <summary>
/// Reads the spans out of an OTLP/HTTP <c>ExportTraceServiceRequest</c> (protobuf), decoding only the fields a trace
/// test looks at (opentelemetry/proto/trace/v1/trace.proto), skipping every other field by its wire type.
/// </summary>
public static class OtlpSpans
{
    public static IReadOnlyList<ReceivedSpan> Read(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1))            // resource_spans
            foreach (var scopeSpans in Fields(resourceSpans.Bytes).Where(f => f.Number == 2)) // scope_spans
            {
                var fields = Fields(scopeSpans.Bytes).ToList();
                var scope = fields.Where(f => f.Number == 1).Select(f => Text(f.Bytes, 1)).FirstOrDefault() ?? "";
                spans.AddRange(fields.Where(f => f.Number == 2).Select(f => Span(f.Bytes, scope)));
            }
        return spans;
    }

    private static ReceivedSpan Span(byte[] span, string scope)
    {
        var fields = Fields(span).ToList();
        string Hex(int number) => fields.FirstOrDefault(f => f.Number == number)?.Bytes is { } b ? Convert.ToHexStringLower(b) : "";
        var attributes = new Dictionary<string, string>();
        foreach (var kv in fields.Where(f => f.Number == 9))
        {
            var pair = Fields(kv.Bytes).ToList();
            var key = pair.FirstOrDefault(f => f.Number == 1)?.Bytes is { } k ? Encoding.UTF8.GetString(k) : "";
            attributes[key] = pair.FirstOrDefault(f => f.Number == 2) is { } value ? AnyValue(value.Bytes) : "";
        }
        return new ReceivedSpan(Hex(1), Hex(2), Hex(4), Text(span, 5) ?? "", scope, attributes);
    }

    /// <summary>AnyValue: string 1, bool 2, int 3, double 4; anything else as its field number.</summary>
    private static string AnyValue(byte[] value) => Fields(value).FirstOrDefault() switch
    {
        { Number: 1, Bytes: var s } => Encoding.UTF8.GetString(s),
        { Number: 2, Varint: var b } => b != 0 ? "true" : "false",
        { Number: 3, Varint: var i } => ((long)i).ToString(CultureInfo.InvariantCulture),
        { Number: 4, Varint: var d } => BitConverter.UInt64BitsToDouble(d).ToString(CultureInfo.InvariantCulture),
        { Number: var n } => $"<field {n}>",
        null => "",
    };

    private static string? Text(byte[] message, int number) =>
        Fields(message).FirstOrDefault(f => f.Number == number)?.Bytes is { } b ? Encoding.UTF8.GetString(b) : null;

    /// <summary>A field: its number, its varint or fixed value, and its bytes (empty unless length-delimited).</summary>
    private sealed record Field(int Number, ulong Varint, byte[] Bytes);

    /// <summary>The fields of one message: varint (0), fixed64 (1), length-delimited (2) and fixed32 (5) wire types.</summary>
    private static IEnumerable<Field> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = ReadVarint(message, ref at);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0: yield return new Field(number, ReadVarint(message, ref at), []); break;
                case 1: yield return new Field(number, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at, 8)), []); at += 8; break;
                case 2:
                    var length = checked((int)ReadVarint(message, ref at));
                    yield return new Field(number, 0, message.AsSpan(at, length).ToArray());
                    at += length;
                    break;
                case 5: yield return new Field(number, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at, 4)), []); at += 4; break;
                default: throw new InvalidDataException($"wire type {tag & 7} at byte {at} is not one OTLP uses");
            }
        }
    }

    private static ulong ReadVarint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
