using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// One attempt of one check kind. Throws when the target cannot be observed at all (refused, unreachable, DNS);
/// returns an outcome with the facts when it can. A check with conditions skips the kind's default rule (HTTP 200,
/// DNS NOERROR with answers): its conditions judge instead. Rules the check states (expectStatus, expect) and TLS
/// validation still apply.
/// </summary>
public interface ICheckProbe
{
    CheckKind Kind { get; }

    /// <param name="cancellationToken">Cancelled on the attempt's timeout or by the caller.</param>
    Task<AttemptOutcome> AttemptAsync(Target target, CheckSpec check, CancellationToken cancellationToken);
}

/// <summary>What one attempt observed, and why it failed when the probe's own rules failed.</summary>
public sealed record AttemptOutcome(ProbeFacts Facts, ProbeError? Error = null)
{
    public bool Ok => Error is null;
    public int? Status => Facts.Status;

    /// <summary>True when the check's conditions, not the kind's default rule, decide success.</summary>
    public static bool ConditionsDecide(CheckSpec check) => check.Conditions is { Count: > 0 };
}
