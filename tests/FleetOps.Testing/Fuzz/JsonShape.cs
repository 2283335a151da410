using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FleetOps.Testing.Fuzz;

/// <summary>
/// A JSON document as the fuzzer edits it: unlike <see cref="JsonNode"/>, an object may hold a key twice and a value
/// may be any text at all (<see cref="JRaw"/>: an edge number, a token that is not JSON, a nesting thousands deep).
/// </summary>
public abstract class JShape
{
    public abstract JShape Clone();

    public static JShape From(JsonNode? node) => node switch
    {
        null => new JRaw("null"),
        JsonObject o => new JObject(o.Select(p => new JMember(p.Key, From(p.Value))).ToList()),
        JsonArray a => new JArray(a.Select(From).ToList()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => new JString(v.GetValue<string>()),
        _ => new JRaw(node.ToJsonString()),
    };

    public static JShape Parse(string json) => From(JsonNode.Parse(json));

    public string ToJson()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    public abstract void Write(StringBuilder sb);

    /// <summary>A JSON string literal: quotes, backslashes, control characters and lone surrogates escaped.</summary>
    public static void Quote(StringBuilder sb, string text)
    {
        sb.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < 0x20 || c == 0x7f) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        sb.Append('"');
    }
}

public sealed class JMember(string key, JShape value)
{
    public string Key { get; set; } = key;
    public JShape Value { get; set; } = value;
}

public sealed class JObject(List<JMember> members) : JShape
{
    public List<JMember> Members { get; } = members;

    public override JShape Clone() => new JObject(Members.Select(m => new JMember(m.Key, m.Value.Clone())).ToList());

    public override void Write(StringBuilder sb)
    {
        sb.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0) sb.Append(',');
            Quote(sb, Members[i].Key);
            sb.Append(':');
            Members[i].Value.Write(sb);
        }
        sb.Append('}');
    }
}

public sealed class JArray(List<JShape> items) : JShape
{
    public List<JShape> Items { get; } = items;

    public override JShape Clone() => new JArray(Items.Select(i => i.Clone()).ToList());

    public override void Write(StringBuilder sb)
    {
        sb.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0) sb.Append(',');
            Items[i].Write(sb);
        }
        sb.Append(']');
    }
}

public sealed class JString(string value) : JShape
{
    public string Value { get; set; } = value;

    public override JShape Clone() => new JString(Value);

    public override void Write(StringBuilder sb) => Quote(sb, Value);
}

/// <summary>Text written as it is: numbers, true/false/null, or anything that is not JSON at all.</summary>
public sealed class JRaw(string text) : JShape
{
    public string Text { get; } = text;

    public override JShape Clone() => this;

    public override void Write(StringBuilder sb) => sb.Append(Text);
}
