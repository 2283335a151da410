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

    /// <summary>
    /// Targets in one sweep: each is a result in the report and a row in the host's memory while the request is parsed
    /// and cut into batches (about 0.5 KB a target), so a host sized for more may raise it (the 1M-target bench runs with
    /// 1,000,000; see docs/benchmarks.md).
    /// </summary>
    public int MaxTargets { get; init; } = SweepRequestValidator.MaxTargets;

    /// <summary>The most <see cref="MaxTargets"/> may be set to: the most hosts an inventory holds.</summary>
    public const int MaxTargetsCeiling = Inventories.InventoryLimits.MaxHosts;
}
