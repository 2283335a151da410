namespace FleetOps.Core.Contracts;

/// <summary>
/// What one sweep may cost, beyond the request body's size. Defaults suit a single host; hosts may bind it from
/// configuration (<see cref="Section"/>). A request over a limit gets a 400 naming the field that went over.
/// </summary>
public sealed record SweepLimits
{
    public const string Section = "FleetOps:Limits";

    public static readonly SweepLimits Default = new();

    /// <summary>
    /// Targets × their checks in one run: each is a probe (and its result). 1,000,000 is a 100k-target fleet with 10
    /// checks each; 20,000 targets × 500 checks (a body under 1 MB) would schedule 10 M probes.
    /// </summary>
    public int MaxProbesPerRun { get; init; } = 1_000_000;

    /// <summary>Why these limits cannot be used, or null: for hosts to check at start-up.</summary>
    public string? Check() => MaxProbesPerRun < 1 ? $"{Section}:MaxProbesPerRun is {MaxProbesPerRun}: it must be at least 1" : null;
}
