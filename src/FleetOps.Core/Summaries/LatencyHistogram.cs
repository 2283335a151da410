namespace FleetOps.Core.Summaries;

/// <summary>
/// A mergeable latency histogram with log-spaced buckets (5 % wide), so a sweep's percentiles come from per-batch
/// histograms without keeping every sample: memory is fixed, whatever the fleet size.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Growth = 1.05;
    private static readonly double LogGrowth = Math.Log(Growth);

    /// <summary>Bucket index → count. Bucket i holds latencies in (1.05^(i-1), 1.05^i] ms; bucket 0 holds ≤ 1 ms.</summary>
    public SortedDictionary<int, long> Buckets { get; init; } = [];

    public long Count { get; set; }
    public double MaxMs { get; set; }

    public void Record(double latencyMs)
    {
        var index = latencyMs <= 1 ? 0 : (int)Math.Ceiling(Math.Log(latencyMs) / LogGrowth);
        Buckets[index] = Buckets.GetValueOrDefault(index) + 1;
        Count++;
        MaxMs = Math.Max(MaxMs, latencyMs);
    }

    public void Merge(LatencyHistogram other)
    {
        foreach (var (index, count) in other.Buckets) Buckets[index] = Buckets.GetValueOrDefault(index) + count;
        Count += other.Count;
        MaxMs = Math.Max(MaxMs, other.MaxMs);
    }

    /// <summary>The latency at or under which <paramref name="quantile"/> of samples fall (bucket upper bound, ≤ 5 % high).</summary>
    public double Percentile(double quantile)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        foreach (var (index, count) in Buckets)
        {
            seen += count;
            if (seen >= rank) return Math.Round(Math.Min(Math.Pow(Growth, index), MaxMs), 2);
        }
        return Math.Round(MaxMs, 2);
    }
}
