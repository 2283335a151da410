namespace FleetOps.Core.Results;

/// <summary>Why a check failed. Whether it is retried is decided per error (<see cref="ProbeError.Transient"/>).</summary>
public enum ErrorKind
{
    Timeout,
    Refused,
    Dns,
    Tls,
    HttpStatus,
    Denied,
    Other,

    /// <summary>The check's conditions did not all hold; the message lists each failed one with its actual value.</summary>
    Condition,

    /// <summary>A tcp check's answer did not contain its <c>expect</c> text or pattern.</summary>
    Expect,

    /// <summary>
    /// A grpc check's health answer was not SERVING: NOT_SERVING or UNKNOWN (retried, like a 503), or SERVICE_UNKNOWN
    /// (the server does not know the service: not retried, like a 404).
    /// </summary>
    GrpcStatus,
}

public static class ErrorKinds
{
    /// <summary>
    /// The default for <see cref="ProbeError.Transient"/>, i.e. whether another attempt (of N-of-M) may see a different result:
    /// <list type="bullet">
    /// <item>retried: timeouts, refused connections, DNS failures of the resolver (SERVFAIL, no answer in time), other
    /// network errors, and failed conditions (they judge live state — a status, a body, a latency — that may recover);</item>
    /// <item>not retried: TLS validation, policy denials, tcp expect mismatches (a wrong service answers).</item>
    /// </list>
    /// Probes override it where the kind alone cannot tell: HTTP status is transient for 5xx and 429 only (a 404 or a 301
    /// will be the same next time); a DNS NXDOMAIN, REFUSED or empty answer is permanent, a SERVFAIL transient; a gRPC
    /// NOT_SERVING is transient, a SERVICE_UNKNOWN permanent.
    /// </summary>
    public static bool IsTransient(this ErrorKind kind) =>
        kind is ErrorKind.Timeout or ErrorKind.Refused or ErrorKind.Dns or ErrorKind.Other or ErrorKind.Condition;
}
