using FleetOps.Core.Results;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Probing;

/// <summary>One attempt of one check kind. Throws on failure to connect; returns an outcome when the target answered.</summary>
public interface ICheckProbe
{
    CheckKind Kind { get; }

    /// <param name="cancellationToken">Cancelled on the attempt's timeout or by the caller.</param>
    Task<AttemptOutcome> AttemptAsync(Target target, CheckSpec check, CancellationToken cancellationToken);
}

/// <summary>What the target said: a status (HTTP) and whether it met the check's expectation.</summary>
public sealed record AttemptOutcome(bool Ok, int? Status = null, ProbeError? Error = null);
