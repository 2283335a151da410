using System.Buffers;
using System.Text.Json;
using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Turns <see cref="DocNode"/>s back into JSON: check objects are deserialized with <see cref="FleetOpsJson.Strict"/>
/// (the one shape FleetOps speaks, unknown fields rejected), and structured Ansible vars become compact JSON labels.
/// One instance per parse, so its node budget bounds what YAML aliases can expand to.
/// </summary>
internal sealed class DocJson
{
    // Readable labels ("café", "<none>"); nothing here is embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private int _budget = InventoryLimits.MaxJsonNodes;

    // The same checks node (defaults, a group's, or one YAML alias used by many hosts) is converted once.
    private readonly Dictionary<DocNode, IReadOnlyList<CheckSpec>> _checks = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<CheckSpec> Checks(DocNode node, string path)
    {
        if (_checks.TryGetValue(node, out var cached)) return cached;
        var items = node.ExpectSeq(path, "a list of checks");
        var checks = new CheckSpec[items.Count];
        for (var i = 0; i < items.Count; i++) checks[i] = Check(items[i], DocNode.Index(path, i));
        _checks[node] = checks;
        return checks;
    }

    private readonly Dictionary<DocNode, string> _compact = new(ReferenceEqualityComparer.Instance);

    public string CompactJson(DocNode node, string path)
    {
        if (_compact.TryGetValue(node, out var cached)) return cached;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, node, path, 0);
        return _compact[node] = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private CheckSpec Check(DocNode node, string path)
    {
        if (node.Kind != DocKind.Map) throw node.Error(path, $"must be a check object such as {{ kind: http, path: /health }}, not {node.Describe()}");
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, node, path, 0);
        try
        {
            return JsonSerializer.Deserialize<CheckSpec>(buffer.WrittenSpan, FleetOpsJson.Strict)
                ?? throw node.Error(path, "must be a check object");
        }
        catch (JsonException ex)
        {
            // ex.Path is relative to the check ("$.port"); point at that field when it is a direct one. A check
            // without a known kind is reported at its kind.
            var jsonPath = CheckJson.PathOf(ex);
            var field = jsonPath is { Length: > 1 } p ? path + p[1..] : path;
            var value = jsonPath is { } q && q.StartsWith("$.", StringComparison.Ordinal)
                ? node.Entries.FirstOrDefault(e => e.Key == q[2..]).Value
                : null;
            var at = value is { Line: > 0 } ? value : node;
            throw at.Error(field, "is not a valid check: " + Describe(ex, value));
        }
    }

    // The serializer's messages name .NET types; say what is wrong in the inventory's terms.
    private static string Describe(JsonException ex, DocNode? value)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'');
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            return end > start ? $"unknown field {Echo.Quote(message[(start + 1)..end])}" : "unknown field";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return value is null ? "wrong type or unknown value" : $"{value.Describe()} is of the wrong type or not a known value";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private void Write(Utf8JsonWriter writer, DocNode node, string path, int depth)
    {
        // Aliases can nest shared trees inside each other; both limits stop that from running away.
        if (--_budget < 0) throw node.Error(path, $"expands to more than {InventoryLimits.MaxJsonNodes} values (YAML aliases?)");
        if (depth > InventoryLimits.MaxDepth) throw node.Error(path, $"nested more than {InventoryLimits.MaxDepth} levels deep");
        switch (node.Kind)
        {
            case DocKind.Map:
                writer.WriteStartObject();
                foreach (var entry in node.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value, DocNode.Member(path, entry.Key), depth + 1);
                }
                writer.WriteEndObject();
                break;
            case DocKind.Seq:
                writer.WriteStartArray();
                for (var i = 0; i < node.Items.Count; i++) Write(writer, node.Items[i], DocNode.Index(path, i), depth + 1);
                writer.WriteEndArray();
                break;
            case DocKind.String:
                writer.WriteStringValue(node.Text);
                break;
            case DocKind.Number:
                writer.WriteRawValue(ScalarTypes.ToJsonNumber(node.Text));
                break;
            case DocKind.Bool:
                writer.WriteBooleanValue(ScalarTypes.IsTrue(node.Text));
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
