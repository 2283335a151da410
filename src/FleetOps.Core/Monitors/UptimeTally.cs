namespace FleetOps.Core.Monitors;

/// <summary>
/// Cycles counted over a span (an hour of one target, a day, a window, a whole monitor): how many, how many were up,
/// how many fell in maintenance (and of those, up), and a fixed 24-bucket latency histogram of the up cycles.
/// Fixed buckets keep a stored hour small whatever the latencies (see <see cref="UptimeCodec"/>); tallies merge by
/// adding, so hours make days and days make any window.
/// </summary>
public sealed class UptimeTally
{
    /// <summary>Upper bounds in ms of the latency buckets (1-2-3-5-7 steps, up to 10 s, then everything slower).</summary>
    public static readonly double[] BucketUpperMs =
        [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 5000, 10_000, double.PositiveInfinity];

    public const int Buckets = 24;

    public long Total { get; set; }
    public long Up { get; set; }
    public long Maintenance { get; set; }
    public long MaintenanceUp { get; set; }
    public long[] Latency { get; init; } = new long[Buckets];

    /// <summary>The slowest up cycle's latency: bounds the top bucket's percentiles while in memory (not stored: 0 after decoding).</summary>
    public double MaxMs { get; set; }

    public bool IsEmpty => Total == 0;

    /// <summary>One cycle. Latency is kept for up cycles only: a timeout's latency is the timeout, not the target's speed.</summary>
    public void Record(bool up, bool maintenance, double? latencyMs = null)
    {
        Total++;
        if (up) Up++;
        if (maintenance) Maintenance++;
        if (maintenance && up) MaintenanceUp++;
        if (up && latencyMs is { } ms && ms >= 0)
        {
            Latency[BucketOf(ms)]++;
            MaxMs = Math.Max(MaxMs, ms);
        }
    }

    public void Merge(UptimeTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Total += other.Total;
        Up += other.Up;
        Maintenance += other.Maintenance;
        MaintenanceUp += other.MaintenanceUp;
        for (var i = 0; i < Buckets; i++) Latency[i] += other.Latency[i];
        MaxMs = Math.Max(MaxMs, other.MaxMs);
    }

    public static UptimeTally Sum(IEnumerable<UptimeTally> tallies)
    {
        var sum = new UptimeTally();
        foreach (var tally in tallies) sum.Merge(tally);
        return sum;
    }

    /// <summary>
    /// Up cycles as a percentage of cycles counted; by default cycles in maintenance are not counted at all. Null
    /// when no cycle counts (nothing ran, or all of it in maintenance).
    /// </summary>
    public double? UptimePercent(bool includeMaintenance = false)
    {
        var total = includeMaintenance ? Total : Total - Maintenance;
        var up = includeMaintenance ? Up : Up - MaintenanceUp;
        return total <= 0 ? null : 100.0 * up / total;
    }

    /// <summary>
    /// The latency under which <paramref name="quantile"/> of up cycles fall, interpolated inside its bucket (so at
    /// most a bucket's width off, usually much less). Null without latencies.
    /// </summary>
    public double? Percentile(double quantile)
    {
        var count = Latency.Sum();
        if (count == 0) return null;
        var rank = Math.Max(1, Math.Ceiling(quantile * count));
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            if (Latency[i] == 0 || seen + Latency[i] < rank) { seen += Latency[i]; continue; }
            var lower = i == 0 ? 0 : BucketUpperMs[i - 1];
            var upper = double.IsPositiveInfinity(BucketUpperMs[i]) ? Math.Max(lower, MaxMs) : BucketUpperMs[i];
            if (MaxMs > 0) upper = Math.Min(upper, Math.Max(lower, MaxMs));
            return Math.Round(lower + (upper - lower) * (rank - seen) / Latency[i], 2);
        }
        return null;
    }

    public static int BucketOf(double ms)
    {
        for (var i = 0; i < Buckets - 1; i++)
            if (ms <= BucketUpperMs[i]) return i;
        return Buckets - 1;
    }
}
