using System.Text.Json.Serialization;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>
/// <c>grpc</c>: the standard health call (<c>grpc.health.v1.Health/Check</c>) for <see cref="Service"/> ("" asks about
/// the server as a whole) on <see cref="Port"/> (or the address's), over HTTP/2 in clear text (h2c) or, with
/// <see cref="Tls"/>, over TLS with the certificate checked against <see cref="ServerName"/> (the target's host) unless
/// <see cref="Insecure"/>. Passes, unless conditions say otherwise, when the answer is SERVING. Facts:
/// <c>[GRPC_STATUS]</c>, <c>[CONNECTED]</c>, <c>[RESPONSE_TIME]</c>, <c>[IP]</c>, the response's metadata as
/// <c>[HEADERS]</c>, and over TLS the certificate's.
/// </summary>
public record GrpcCheck : CheckSpec
{
    public const int MaxServiceLength = 200;

    [JsonPropertyOrder(PortOrder)]
    public int? Port { get; init; }

    /// <summary>The service asked about; null or "" asks about the server.</summary>
    public string? Service { get; init; }

    /// <summary>HTTP/2 over TLS (ALPN h2) instead of clear-text HTTP/2.</summary>
    public bool? Tls { get; init; }

    /// <summary>Accept any certificate (still reported in the facts). Off by default; only with <see cref="Tls"/>.</summary>
    public bool? Insecure { get; init; }

    /// <summary>The name the certificate must match, also sent as SNI and :authority; only with <see cref="Tls"/>.</summary>
    public string? ServerName { get; init; }

    public override string Label => (Port is { } p ? $"{Kind}:{p}" : Kind) + (Service is { Length: > 0 } s ? $" {s}" : "");

    public override void Validate(CheckErrors errors)
    {
        errors.Port(Port);
        if (Service is { } service)
        {
            if (service.Length > MaxServiceLength) errors.Fail("service", $"is {service.Length} characters, more than {MaxServiceLength}");
            else if (service.Any(c => c is < '!' or > '~'))
                errors.Fail("service", $"{Echo.Quote(service)} is not a service name: visible ASCII characters such as grpc.health.v1.Health, no spaces");
        }
        if (Tls != true)
        {
            if (Insecure == true) errors.Fail("insecure", "applies to TLS only: set tls to true, or leave insecure out");
            if (ServerName is not null) errors.Fail("serverName", "applies to TLS only: set tls to true, or leave serverName out");
        }
        else if (ServerName is { } serverName && HostNames.CheckServerName(serverName) is { } problem)
        {
            errors.Fail("serverName", problem);
        }
    }

    public override void ValidateTarget(TargetAddress target, TargetCheckErrors errors) => errors.NeedsPort(Port, target);
}
