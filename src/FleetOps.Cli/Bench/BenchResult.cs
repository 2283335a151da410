namespace FleetOps.Cli.Bench;

/// <summary>One measured row: what ran, over how many targets, how long, and what it found.</summary>
public sealed record BenchResult(string Design, int Targets, TimeSpan Elapsed, int Ok, string Notes = "")
{
    public double TargetsPerSecond => Targets / Elapsed.TotalSeconds;
}
