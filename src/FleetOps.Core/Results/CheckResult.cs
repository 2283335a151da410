namespace FleetOps.Core.Results;

/// <summary>The outcome of one check on one target after all attempts. <see cref="Kind"/> is the kind's registered name ("tcp").</summary>
public sealed record CheckResult(
    string Kind,
    string Check,
    bool Ok,
    double LatencyMs,
    int Attempts,
    int? Status = null,
    ProbeError? Error = null,
    IReadOnlyList<ConditionResult>? Conditions = null)
{
    /// <summary>When the certificate a TLS or HTTPS check saw expires (null when the check saw none).</summary>
    public DateTimeOffset? CertificateExpiresAt { get; init; }
}
