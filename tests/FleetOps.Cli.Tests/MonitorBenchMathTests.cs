using FleetOps.Cli.Bench;

namespace FleetOps.Cli.Tests;

/// <summary>The monitor bench's arithmetic: percentiles, per-month and per-day extrapolation, CPU %, the /metrics scrape.</summary>
public sealed class MonitorBenchMathTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_the_values_in_any_order()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        Assert.Equal(50, MonitorBenchMath.Percentile(values, 50));
        Assert.Equal(99, MonitorBenchMath.Percentile(values, 99));
        Assert.Equal(100, MonitorBenchMath.Percentile(values, 100));
        Assert.Equal(1, MonitorBenchMath.Percentile(values, 0));
        Assert.Equal(0.7, MonitorBenchMath.Percentile([0.7], 99));
        // Of 10 cycles, p99 is the worst one: a single late cycle shows.
        Assert.Equal(9, MonitorBenchMath.Percentile([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 9], 99));
        Assert.Null(MonitorBenchMath.Percentile([], 50));
    }

    [Fact]
    public void Cpu_percent_is_cpu_time_over_wall_time_of_one_core()
    {
        Assert.Equal(150, MonitorBenchMath.CpuPercent(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)), 9);
        Assert.Equal(25, MonitorBenchMath.CpuPercent(TimeSpan.FromMilliseconds(75), TimeSpan.FromMilliseconds(300)), 9);
        Assert.Equal(0, MonitorBenchMath.CpuPercent(TimeSpan.FromSeconds(1), TimeSpan.Zero));
    }

    [Fact]
    public void Requests_per_cycle_scale_to_a_target_and_a_30_day_month()
    {
        // 1,000 requests a cycle over 10,000 targets is 0.1 per target per cycle; a 30 s interval makes 86,400 cycles in 30 days.
        Assert.Equal(8640, MonitorBenchMath.PerTargetPerMonth(1000, 10_000, TimeSpan.FromSeconds(30)), 9);
        Assert.Equal(43_200, MonitorBenchMath.PerTargetPerMonth(100_000, 100_000, TimeSpan.FromSeconds(60)), 9);
        Assert.Equal(0, MonitorBenchMath.PerTargetPerMonth(1000, 0, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Bytes_over_a_span_scale_to_a_target_and_a_day()
    {
        Assert.Equal(2400, MonitorBenchMath.PerTargetPerDay(1000, 10, TimeSpan.FromHours(1)), 9);
        Assert.Equal(50, MonitorBenchMath.PerTargetPerDay(1000, 20, TimeSpan.FromDays(1)), 9);
        Assert.Equal(0, MonitorBenchMath.PerTargetPerDay(1000, 10, TimeSpan.Zero));
    }

    [Fact]
    public void Lag_slope_is_flat_when_cycles_keep_up_and_positive_when_they_fall_behind()
    {
        Assert.Equal(0, MonitorBenchMath.LagSlope([0.2, 0.2, 0.2, 0.2])!.Value, 9);
        Assert.Equal(2, MonitorBenchMath.LagSlope([1, 3, 5, 7, 9])!.Value, 9);
        Assert.True(MonitorBenchMath.LagSlope([0.1, 0.3, 0.2, 0.1, 0.2])!.Value < 0.05);
        Assert.Null(MonitorBenchMath.LagSlope([4]));
    }

    [Fact]
    public void Storage_requests_are_read_from_a_prometheus_scrape_by_service_and_client()
    {
        const string Before = """
            # TYPE fleetops_storage_requests_total counter
            fleetops_storage_requests_total{client="app",otel_scope_name="FleetOps",service="blob"} 100 1733000000000
            fleetops_storage_requests_total{client="engine",otel_scope_name="FleetOps",service="queue"} 1000 1733000000000
            fleetops_probe_batches_total{otel_scope_name="FleetOps"} 7 1733000000000
            """;
        const string After = """
            fleetops_storage_requests_total{client="app",otel_scope_name="FleetOps",service="blob"} 160 1733000001000
            fleetops_storage_requests_total{client="engine",otel_scope_name="FleetOps",service="queue"} 1500 1733000001000
            fleetops_storage_requests_total{client="engine",otel_scope_name="FleetOps",service="table"} 40 1733000001000
            """;

        var before = MonitorBenchMath.StorageRequests(Before);
        var delta = MonitorBenchMath.Delta(before, MonitorBenchMath.StorageRequests(After));

        Assert.Equal(2, before.Count);
        Assert.Equal(60, delta[("blob", "app")]);
        Assert.Equal(500, delta[("queue", "engine")]);
        Assert.Equal(40, delta[("table", "engine")]);
    }

    [Theory]
    [InlineData("10000@30s", 10_000, 30)]
    [InlineData("100000@1m", 100_000, 60)]
    [InlineData("20@10s", 20, 10)]
    public void A_spec_is_targets_at_an_interval(string text, int targets, int seconds)
    {
        var (spec, error) = MonitorBenchMath.ParseSpec(text);
        Assert.Null(error);
        Assert.Equal(new MonitorBenchSpec(targets, TimeSpan.FromSeconds(seconds)), spec);
    }

    [Theory]
    [InlineData("10000", "TARGETS@INTERVAL")]
    [InlineData("x@30s", "TARGETS@INTERVAL")]
    [InlineData("0@30s", "1 to 100000 targets")]
    [InlineData("100001@30s", "1 to 100000 targets")]
    [InlineData("10@5s", "at least 10s")]
    [InlineData("10@30x", "at least 10s")]
    [InlineData("10@s", "at least 10s")]
    public void A_bad_spec_says_why(string text, string expected)
    {
        var (spec, error) = MonitorBenchMath.ParseSpec(text);
        Assert.Null(spec);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_take_seconds_minutes_and_hours()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), MonitorBenchMath.ParseDuration("5m"));
        Assert.Equal(TimeSpan.FromSeconds(90), MonitorBenchMath.ParseDuration("90s"));
        Assert.Equal(TimeSpan.FromHours(1), MonitorBenchMath.ParseDuration("1h"));
        Assert.Null(MonitorBenchMath.ParseDuration("0m"));
        Assert.Null(MonitorBenchMath.ParseDuration("5"));
        Assert.Null(MonitorBenchMath.ParseDuration("-5m"));
    }
}
