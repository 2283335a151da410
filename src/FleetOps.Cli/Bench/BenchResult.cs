namespace FleetOps.Cli.Bench;

/// <summary>One measured row: what ran, over how many targets, how long, and what it found.</summary>
public sealed record BenchResult(string Design, int Targets, TimeSpan Elapsed, int Ok, string Notes = "")
{
    public double TargetsPerSecond => Targets / Elapsed.TotalSeconds;

    /// <summary>The durable sweep's run id (for its report and history), null for the other designs.</summary>
    public string? RunId { get; init; }
}
