using FleetOps.Core.Results;

namespace FleetOps.Core.Monitors;

/// <summary>What one cycle saw of one target: passed or not, when, how fast, and if not, which check and why.</summary>
public sealed record Observation(bool Ok, DateTimeOffset At, double? LatencyMs = null, string? FailingCheck = null, ProbeError? Error = null)
{
    /// <summary>A sweep-style result as an observation: ok only when every check passed; the first failing check names the failure.</summary>
    public static Observation Of(TargetResult result, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failing = result.Checks.FirstOrDefault(c => !c.Ok);
        return new Observation(result.Ok, at, result.LatencyMs, failing?.Check, failing?.Error);
    }
}
