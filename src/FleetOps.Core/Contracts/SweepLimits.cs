namespace FleetOps.Core.Contracts;

/// <summary>
/// What one sweep may cost, beyond the request body's size. Defaults suit a single host; both hosts bind it from the
/// validated setting <c>FleetOps:Limits</c>. A request over a limit gets a 400 naming the field that went over.
/// </summary>
public sealed record SweepLimits
{
    public static readonly SweepLimits Default = new();

    /// <summary>
    /// Targets × their checks in one run: each is a probe (and its result). 1,000,000 is a 100k-target fleet with 10
    /// checks each; 20,000 targets × 500 checks (a body under 1 MB) would schedule 10 M probes.
    /// </summary>
    public int MaxProbesPerRun { get; init; } = 1_000_000;
}
