namespace FleetOps.Probing.Reports;

/// <summary>What changed between two sweeps of a fleet, targets matched by name.</summary>
public sealed record SweepDiff(
    IReadOnlyList<DiffEntry> NewFailures,
    IReadOnlyList<DiffEntry> Recoveries,
    IReadOnlyList<DiffEntry> LatencyRegressions,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    int Unchanged);

/// <summary>One target that changed: its state ("ok" or "timeout: …") and latency before and after.</summary>
public sealed record DiffEntry(string Name, string Address, string? Before, string? After, double? BeforeMs, double? AfterMs);

/// <summary>
/// When a target that stayed healthy counts as slower: after &gt; before × <see cref="RegressionRatio"/> and
/// after − before &gt; <see cref="MinRegressionMs"/>, both strict. The floor keeps 2 ms → 4 ms from being news.
/// </summary>
public sealed record DiffOptions
{
    public double RegressionRatio { get; init; } = 1.5;
    public double MinRegressionMs { get; init; } = 20;
}
