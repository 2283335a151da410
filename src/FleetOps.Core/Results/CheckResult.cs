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
    IReadOnlyList<ConditionResult>? Conditions = null);
