using FleetOps.Core.Targets;

namespace FleetOps.Core.Results;

/// <summary>The outcome of one check on one target after all attempts.</summary>
public sealed record CheckResult(
    CheckKind Kind,
    string Check,
    bool Ok,
    double LatencyMs,
    int Attempts,
    int? Status = null,
    ProbeError? Error = null,
    IReadOnlyList<ConditionResult>? Conditions = null);
