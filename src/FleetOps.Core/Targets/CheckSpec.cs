using System.Text.Json.Serialization;

namespace FleetOps.Core.Targets;

public enum CheckKind { Tcp, Http, Tls, Dns }

/// <summary>
/// One check to run against a target. Fields a kind does not use must be absent (the validator says which).
/// <list type="bullet">
/// <item><c>tcp</c>: connect to <see cref="Port"/> (or the target's port); optionally <see cref="Send"/> then read until <see cref="Expect"/>.</item>
/// <item><c>http</c>: <see cref="Method"/> (GET) <see cref="Url"/>, or <c>{scheme}://{address}{path}</c>; status in <see cref="ExpectStatus"/>.</item>
/// <item><c>tls</c>: handshake on <see cref="Port"/> (443); certificate, hostname, chain and protocol facts for conditions.</item>
/// <item><c>dns</c>: query <see cref="Name"/> (the target's host) of <see cref="RecordType"/> at <see cref="Resolver"/>.</item>
/// </list>
/// <see cref="Conditions"/> (Gatus-style, e.g. <c>[STATUS] == 200</c>) are evaluated over the attempt's <see cref="Results.ProbeFacts"/>.
/// </summary>
public sealed record CheckSpec
{
    public CheckKind Kind { get; init; }
    public int? Port { get; init; }
    public int? TimeoutMs { get; init; }
    public List<string>? Conditions { get; init; }

    // http
    public string? Scheme { get; init; }
    public string? Path { get; init; }
    public string? Url { get; init; }
    public string? Method { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public string? Body { get; init; }
    public IReadOnlyList<int>? ExpectStatus { get; init; }
    public bool? FollowRedirects { get; init; }

    // http and tls
    /// <summary>Accept any certificate (still reported in the facts). Off by default.</summary>
    public bool? Insecure { get; init; }

    // tls (and https): the name to verify; defaults to the target's host
    public string? ServerName { get; init; }

    // tcp
    public string? Send { get; init; }
    public string? Expect { get; init; }

    // dns
    public string? Name { get; init; }
    public string? RecordType { get; init; }
    public string? Resolver { get; init; }

    /// <summary>A short, stable label for reports and errors: "tcp:8080", "http:/health", "dns:A web-1".</summary>
    [JsonIgnore]
    public string Label => Kind switch
    {
        CheckKind.Tcp => Port is { } p ? $"tcp:{p}" : "tcp",
        CheckKind.Tls => Port is { } p ? $"tls:{p}" : "tls",
        CheckKind.Dns => $"dns:{RecordType ?? "A"}" + (Name is null ? "" : $" {Name}"),
        _ => Url ?? $"http:{Path ?? "/"}",
    };
}
