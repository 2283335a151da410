using System.Globalization;
using System.Text.Json;

namespace FleetOps.Core.Conditions;

/// <summary>A condition's left side: a placeholder, a path into the body or headers, or len()/has() of one.</summary>
internal abstract class Operand
{
    /// <summary>What the parser knows of the value's type, to check the operator and the right side.</summary>
    public abstract OperandType Type { get; }

    /// <summary>As written, normalized (for messages): <c>[BODY].data[0]</c>, <c>len([BODY])</c>.</summary>
    public abstract string Display { get; }

    public abstract Value Resolve(EvaluationContext context);
}

/// <summary>A placeholder without a path: [STATUS], [BODY], [DNS_ANSWERS], ...</summary>
internal sealed class PlaceholderOperand(Placeholder placeholder, OperandType type) : Operand
{
    public override OperandType Type => type;
    public override string Display => "[" + Placeholders.NameOf(placeholder) + "]";

    public override Value Resolve(EvaluationContext context)
    {
        var f = context.Facts;
        // RCODEs, TLS versions and gRPC serving statuses are names, not data: NOERROR and noerror mean the same thing.
        return placeholder switch
        {
            Placeholder.Connected => Value.Of(f.Connected),
            Placeholder.Status => f.Status is { } s ? Value.Of(s) : Value.Absent("(no status)"),
            Placeholder.ResponseTime => Value.OfMilliseconds(f.ResponseTimeMs),
            Placeholder.Body => f.Body is { } b ? Value.Of(b) : Value.Absent("(no body)"),
            Placeholder.CertificateExpiration => f.CertificateExpiration is { } e ? Value.Of(e) : Value.Absent("(no certificate)"),
            Placeholder.CertificateChainValid => f.CertificateChainValid is { } c ? Value.Of(c) : Value.Absent("(no certificate)"),
            Placeholder.CertificateHostnameValid => f.CertificateHostnameValid is { } h ? Value.Of(h) : Value.Absent("(no certificate)"),
            Placeholder.TlsVersion => f.TlsVersion is { } t ? Value.Of(t, ignoreCase: true) : Value.Absent("(no TLS version)"),
            Placeholder.DnsRcode => f.DnsRcode is { } r ? Value.Of(r, ignoreCase: true) : Value.Absent("(no DNS rcode)"),
            Placeholder.DnsAnswers => f.DnsAnswers is { } a ? Value.Of(a) : Value.Absent("(no DNS answers)"),
            Placeholder.Ip => f.Ip is { } ip ? Value.Of(ip) : Value.Absent("(no IP)"),
            Placeholder.GrpcStatus => f.GrpcStatus is { } g ? Value.Of(g, ignoreCase: true) : Value.Absent("(no gRPC status)"),
            Placeholder.PacketLoss => f.PacketLoss is { } loss ? Value.Of(loss, loss.ToString("0.###", CultureInfo.InvariantCulture)) : Value.Absent("(no echo sent)"),
            Placeholder.RttMin => f.RttMinMs is { } min ? Value.OfMilliseconds(min) : Value.Absent("(no echo reply)"),
            Placeholder.RttAvg => f.RttAvgMs is { } avg ? Value.OfMilliseconds(avg) : Value.Absent("(no echo reply)"),
            Placeholder.RttMax => f.RttMaxMs is { } max ? Value.OfMilliseconds(max) : Value.Absent("(no echo reply)"),
            _ => Value.Error("(placeholder needs a path)"), // [HEADERS] alone never parses
        };
    }
}

/// <summary><c>[HEADERS].Name</c>: header names are case-insensitive (RFC 9110), whatever dictionary the probe filled.</summary>
internal sealed class HeaderOperand(string name) : Operand
{
    public override OperandType Type => OperandType.Text;
    public override string Display => "[HEADERS]." + name;

    public override Value Resolve(EvaluationContext context)
    {
        var headers = context.Facts.Headers;
        if (headers is null) return Value.Absent("(no headers)");
        if (headers.TryGetValue(name, out var value)) return Value.Of(value);
        foreach (var (key, v) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return Value.Of(v);
        }
        return Value.Absent($"(no header {name})");
    }
}

/// <summary>One step of a JSON path: a property name or an array index.</summary>
internal readonly record struct PathSegment(string? Key, int Index);

/// <summary><c>[BODY].a.b[0].c</c>: walks the body parsed as JSON; the value's type is whatever the response holds.</summary>
internal sealed class BodyPathOperand(PathSegment[] segments, string path) : Operand
{
    public override OperandType Type => OperandType.Dynamic;
    public override string Display => "[BODY]" + (path.StartsWith('[') ? path : "." + path);

    public override Value Resolve(EvaluationContext context)
    {
        if (!context.TryGetJson(out var element, out var problem)) return Value.Error(problem!);
        foreach (var segment in segments)
        {
            if (segment.Key is { } key)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element)) return NotFound();
            }
            else if (element.ValueKind != JsonValueKind.Array || segment.Index >= element.GetArrayLength())
            {
                return NotFound();
            }
            else
            {
                element = element[segment.Index];
            }
        }
        return element.ValueKind switch
        {
            JsonValueKind.String => Value.Of(element.GetString()!),
            // A number too large for a double stays text rather than becoming infinity.
            JsonValueKind.Number => element.TryGetDouble(out var d) && double.IsFinite(d) ? Value.Of(d, element.GetRawText()) : Value.Of(element.GetRawText()),
            JsonValueKind.True => Value.Of(true),
            JsonValueKind.False => Value.Of(false),
            JsonValueKind.Null => Value.JsonNull(),
            _ => Value.OfJson(element),
        };
    }

    private Value NotFound() => Value.Absent($"(path {path} not found)");
}

/// <summary><c>len(x)</c>: characters of text, items of a list or JSON array, properties of a JSON object.</summary>
internal sealed class LenOperand(Operand inner) : Operand
{
    public override OperandType Type => OperandType.Number;
    public override string Display => $"len({inner.Display})";

    public override Value Resolve(EvaluationContext context)
    {
        var v = inner.Resolve(context);
        return v.Kind switch
        {
            ValueKind.Absent or ValueKind.Error => v,
            ValueKind.Text => Value.Of(v.Text!.Length),
            ValueKind.List => Value.Of(v.List!.Count),
            ValueKind.Json when v.Json.ValueKind == JsonValueKind.Array => Value.Of(v.Json.GetArrayLength()),
            ValueKind.Json => Value.Of(v.Json.EnumerateObject().Count()),
            _ => Value.Error($"(len() needs text, a list or a JSON array or object; {inner.Display} is {Describe(v)})"),
        };
    }

    private static string Describe(Value v) => v.Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Bool => "the boolean " + v.Text,
        _ => "the number " + v.Text,
    };
}

/// <summary><c>has(x)</c>: the fact, header or path exists and is not null. Fails (not false) when there is no JSON to look in.</summary>
internal sealed class HasOperand(Operand inner) : Operand
{
    public override OperandType Type => OperandType.Bool;
    public override string Display => $"has({inner.Display})";

    public override Value Resolve(EvaluationContext context)
    {
        var v = inner.Resolve(context);
        return v.Kind switch
        {
            ValueKind.Error => v,
            ValueKind.Absent or ValueKind.Null => Value.Of(false),
            _ => Value.Of(true),
        };
    }
}
