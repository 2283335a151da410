using FleetOps.Core.Summaries;

namespace FleetOps.Core.Tests.Summaries;

public sealed class LatencyHistogramTests
{
    /// <summary>Log-normal latencies (median ≈ 40 ms, long tail), from a fixed seed, all above 1 ms.</summary>
    private static double[] Latencies(int count, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Max(1.01, Math.Round(Math.Exp(Math.Log(40) + 1.2 * normal), 3));
        }).ToArray();
    }

    /// <summary>Nearest-rank percentile: the smallest sample with at least q of the samples at or under it.</summary>
    private static double Exact(double[] samples, double quantile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }

    private static LatencyHistogram Of(IEnumerable<double> samples)
    {
        var histogram = new LatencyHistogram();
        foreach (var sample in samples) histogram.Record(sample);
        return histogram;
    }

    [Fact]
    public void Empty_histogram_reports_zero()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Percentile(0.5));
        Assert.Equal(0, histogram.Percentile(0.99));
    }

    [Theory]
    [InlineData(0.50)]
    [InlineData(0.90)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    [InlineData(1.0)]
    public void Percentiles_are_within_5_percent_of_exact_and_never_low(double quantile)
    {
        var samples = Latencies(20_000);
        var histogram = Of(samples);
        var exact = Exact(samples, quantile);

        var estimate = histogram.Percentile(quantile);

        Assert.InRange(estimate, exact - 0.01, exact * 1.05 + 0.01);
    }

    [Fact]
    public void Percentiles_of_evenly_spread_data()
    {
        var samples = Enumerable.Range(1, 1000).Select(i => i + 0.5).ToArray();
        var histogram = Of(samples.Reverse());

        foreach (var (q, exact) in new[] { (0.5, 500.5), (0.95, 950.5), (0.99, 990.5) })
            Assert.InRange(histogram.Percentile(q), exact, exact * 1.05);
        Assert.Equal(1000.5, histogram.Percentile(1.0));
        Assert.Equal(1000.5, histogram.MaxMs);
        Assert.Equal(1000, histogram.Count);
    }

    [Fact]
    public void Single_value_is_reported_exactly()
    {
        var histogram = Of([123.456, 123.456, 123.456]);

        Assert.Equal(123.46, histogram.Percentile(0.5));
        Assert.Equal(123.46, histogram.Percentile(0.99));
    }

    [Fact]
    public void Sub_millisecond_latencies_share_the_first_bucket()
    {
        var histogram = Of([0.2, 0.4, 0.9]);

        Assert.Equal([0], histogram.Buckets.Keys);
        Assert.Equal(0.9, histogram.Percentile(0.5));
    }

    [Fact]
    public void Merge_equals_recording_everything()
    {
        var samples = Latencies(10_000, seed: 11);
        var whole = Of(samples);
        var merged = new LatencyHistogram();
        foreach (var chunk in samples.Chunk(777)) merged.Merge(Of(chunk));

        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.MaxMs, merged.MaxMs);
        Assert.Equal(whole.Buckets, merged.Buckets);
        foreach (var q in new[] { 0.5, 0.9, 0.95, 0.99, 1.0 })
            Assert.Equal(whole.Percentile(q), merged.Percentile(q));
    }

    [Fact]
    public void Merging_an_empty_histogram_changes_nothing()
    {
        var histogram = Of([5, 10, 20]);
        var before = histogram.Buckets.ToDictionary();

        histogram.Merge(new LatencyHistogram());

        Assert.Equal(3, histogram.Count);
        Assert.Equal(20, histogram.MaxMs);
        Assert.Equal(before, histogram.Buckets.ToDictionary());
    }

    [Fact]
    public void Memory_is_bounded_by_the_range_not_the_count()
    {
        var histogram = Of(Latencies(200_000));

        // 1 ms .. 60 s in 5 % steps is about 226 buckets.
        Assert.True(histogram.Buckets.Count < 250, $"{histogram.Buckets.Count} buckets");
        Assert.Equal(200_000, histogram.Count);
    }
}
