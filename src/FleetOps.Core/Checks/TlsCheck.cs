using System.Text.Json.Serialization;

namespace FleetOps.Core.Checks;

/// <summary>
/// <c>tls</c>: a handshake on <see cref="Port"/> (443) with <see cref="ServerName"/> (the target's host) as SNI and as the
/// name the certificate must match; certificate, chain and protocol facts for conditions.
/// </summary>
public record TlsCheck : CheckSpec
{
    [JsonPropertyOrder(PortOrder)]
    public int? Port { get; init; }

    /// <summary>Accept any certificate (still reported in the facts). Off by default.</summary>
    public bool? Insecure { get; init; }

    /// <summary>The name to verify and send as SNI; defaults to the target's host.</summary>
    public string? ServerName { get; init; }

    public override string Label => Port is { } p ? $"{Kind}:{p}" : Kind;

    public override void Validate(CheckErrors errors)
    {
        errors.Port(Port);
        if (ServerName is { } serverName && HostNames.CheckServerName(serverName) is { } problem) errors.Fail("serverName", problem);
    }
}
