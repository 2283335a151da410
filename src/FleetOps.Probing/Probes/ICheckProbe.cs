using FleetOps.Core.Checks;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

namespace FleetOps.Probing;

/// <summary>
/// One attempt of one check kind. Throws when the target cannot be observed at all (refused, unreachable, DNS);
/// returns an outcome with the facts when it can. A check with conditions skips the kind's default rule (HTTP 200,
/// DNS NOERROR with answers): its conditions judge instead. Rules the check states (expectStatus, expect) and TLS
/// validation still apply.
/// </summary>
/// <remarks>
/// A kind's probe is a class in this assembly implementing <see cref="ICheckProbe{TCheck}"/> for the kind's record,
/// with a constructor taking a <see cref="PolicyConnector"/>: <see cref="CheckProbes"/> finds it.
/// </remarks>
public interface ICheckProbe<in TCheck> : ICheckProbe where TCheck : CheckSpec
{
    /// <param name="cancellationToken">Cancelled on the attempt's timeout or by the caller.</param>
    Task<AttemptOutcome> AttemptAsync(Target target, TCheck check, CancellationToken cancellationToken);

    Type ICheckProbe.CheckType => typeof(TCheck);

    Task<AttemptOutcome> ICheckProbe.AttemptAsync(Target target, CheckSpec check, CancellationToken cancellationToken) =>
        AttemptAsync(target, (TCheck)check, cancellationToken);
}

/// <summary>The face of every kind's probe the prober holds: which spec record it probes, and one attempt of it.</summary>
public interface ICheckProbe
{
    Type CheckType { get; }

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
