using System.Text.Json.Serialization;

namespace FleetOps.Core.Targets;

public enum CheckKind { Tcp, Http }

/// <summary>
/// One check to run against a target. <c>tcp</c>: connect to <see cref="Port"/> (or the target's port).
/// <c>http</c>: GET <see cref="Url"/>, or <c>{scheme}://{address}{path}</c>, and expect a status in <see cref="ExpectStatus"/>.
/// </summary>
public sealed record CheckSpec
{
    public CheckKind Kind { get; init; }
    public int? Port { get; init; }
    public string? Scheme { get; init; }
    public string? Path { get; init; }
    public string? Url { get; init; }
    public IReadOnlyList<int>? ExpectStatus { get; init; }
    public int? TimeoutMs { get; init; }

    /// <summary>A short, stable label for reports and errors: "tcp:8080", "http:/health".</summary>
    [JsonIgnore]
    public string Label => Kind switch
    {
        CheckKind.Tcp => Port is { } p ? $"tcp:{p}" : "tcp",
        _ => Url ?? $"http:{Path ?? "/"}",
    };
}
