using FleetOps.Core.Monitors;
using Xunit.Abstractions;

namespace FleetOps.Core.Tests.Monitors;

public sealed class UptimeTests(ITestOutputHelper output)
{
    [Fact]
    public void Uptime_leaves_maintenance_out_by_default()
    {
        var hour = new UptimeTally();
        for (var i = 0; i < 100; i++) hour.Record(up: i >= 10, maintenance: false, latencyMs: 20);
        for (var i = 0; i < 20; i++) hour.Record(up: false, maintenance: true);

        Assert.Equal(90.0, hour.UptimePercent());
        Assert.Equal(75.0, hour.UptimePercent(includeMaintenance: true));
        Assert.Equal((120L, 90L, 20L, 0L), (hour.Total, hour.Up, hour.Maintenance, hour.MaintenanceUp));
    }

    [Fact]
    public void Nothing_counted_has_no_uptime_rather_than_zero()
    {
        Assert.Null(new UptimeTally().UptimePercent());
        var allMaintenance = new UptimeTally();
        allMaintenance.Record(up: true, maintenance: true, latencyMs: 5);
        Assert.Null(allMaintenance.UptimePercent());
        Assert.Equal(100.0, allMaintenance.UptimePercent(includeMaintenance: true));
    }

    [Fact]
    public void Percentiles_come_from_the_buckets_within_a_buckets_width()
    {
        var tally = new UptimeTally();
        var random = new Random(3);
        var samples = Enumerable.Range(0, 5000).Select(_ => 5 + random.NextDouble() * 400).ToList();
        foreach (var ms in samples) tally.Record(up: true, maintenance: false, latencyMs: ms);
        samples.Sort();
        double Exact(double q) => samples[(int)Math.Ceiling(q * samples.Count) - 1];

        // The bucket containing p50 (~200 ms) is 150-200 or 200-300; interpolation lands well inside it.
        Assert.InRange(tally.Percentile(0.50)!.Value, Exact(0.50) * 0.8, Exact(0.50) * 1.25);
        Assert.InRange(tally.Percentile(0.95)!.Value, Exact(0.95) * 0.8, Exact(0.95) * 1.25);
        Assert.Null(new UptimeTally().Percentile(0.5));
    }

    [Fact]
    public void Latency_is_kept_for_up_cycles_only()
    {
        var tally = new UptimeTally();
        tally.Record(up: false, maintenance: false, latencyMs: 2000); // a timeout is not the target's speed
        tally.Record(up: true, maintenance: false, latencyMs: 4);
        Assert.Equal(1, tally.Latency.Sum());
        Assert.InRange(tally.Percentile(0.95)!.Value, 3, 5);
    }

    [Fact]
    public void Hours_merge_into_days_and_days_into_windows()
    {
        var hours = Enumerable.Range(0, 24).Select(h =>
        {
            var t = new UptimeTally();
            for (var i = 0; i < 120; i++) t.Record(up: h != 3 || i < 60, maintenance: h == 2, latencyMs: 10 + h);
            return t;
        }).ToList();

        var day = UptimeTally.Sum(hours);
        Assert.Equal(24 * 120, day.Total);
        Assert.Equal(24 * 120 - 60, day.Up);
        Assert.Equal(120, day.Maintenance);
        Assert.Equal(120, day.MaintenanceUp);
        Assert.Equal(100.0 * (2820 - 120) / (2880 - 120), day.UptimePercent()!.Value, 6);

        var roundTrip = UptimeCodec.DecodeAll(UptimeCodec.Encode(hours));
        Assert.Equal(24, roundTrip.Count);
        var merged = UptimeTally.Sum(roundTrip);
        Assert.Equal((day.Total, day.Up, day.Maintenance, day.MaintenanceUp), (merged.Total, merged.Up, merged.Maintenance, merged.MaintenanceUp));
        Assert.Equal(day.Latency, merged.Latency);
    }

    [Fact]
    public void The_codec_round_trips_and_refuses_damaged_records()
    {
        var tally = new UptimeTally();
        for (var i = 0; i < 360; i++) tally.Record(up: i % 7 != 0, maintenance: i < 30, latencyMs: i * 3.3);
        var text = UptimeCodec.EncodeText(tally);
        var back = UptimeCodec.DecodeText(text);
        Assert.Equal((tally.Total, tally.Up, tally.Maintenance, tally.MaintenanceUp), (back.Total, back.Up, back.Maintenance, back.MaintenanceUp));
        Assert.Equal(tally.Latency, back.Latency);
        Assert.DoesNotContain('=', text);
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('/', text);

        var bytes = UptimeCodec.Encode(tally);
        Assert.Throws<FormatException>(() => UptimeCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => UptimeCodec.Decode([.. bytes, 0]));
        Assert.Throws<FormatException>(() => UptimeCodec.Decode([5, 9, 0, 0, 0, 0, 0])); // 9 up of 5
        Assert.Equal([0], UptimeCodec.Encode(new UptimeTally()));
    }

    [Fact]
    public void A_targets_stored_history_stays_under_2_KB_a_day()
    {
        // Fastest schedule (10 s): 360 cycles an hour, 24 hours, stored as 24 hour records + 1 day record, base64url,
        // in the JSON the engine writes per target ("name": "record"). Typical: steady latency in 3 buckets, 100 % up.
        // Worst: every cycle in a different bucket, down and maintenance mixed.
        var typical = Day((h, i) => (true, false, 18 + (i % 10) * 1.2));
        var worst = Day((h, i) => (i % 3 != 0, i % 5 == 0, Math.Pow(1.05, i % 230)));

        foreach (var (name, hours) in new[] { ("typical", typical), ("worst", worst) })
        {
            var hourRecords = hours.Sum(h => JsonEntryBytes("web-0001", UptimeCodec.EncodeText(h)));
            var dayRecord = JsonEntryBytes("web-0001", UptimeCodec.EncodeText(UptimeTally.Sum(hours)));
            var binary = UptimeCodec.Encode(hours).Length;
            output.WriteLine($"{name}: 24 hour records {hourRecords} B + day record {dayRecord} B = {hourRecords + dayRecord} B per target per day (binary hours {binary} B)");
            Assert.True(hourRecords + dayRecord < 2048, $"{name}: {hourRecords + dayRecord} bytes");
        }
    }

    private static int JsonEntryBytes(string target, string record) => System.Text.Encoding.UTF8.GetByteCount($"\"{target}\":\"{record}\",");

    private static List<UptimeTally> Day(Func<int, int, (bool Up, bool Maintenance, double Ms)> cycle) =>
        Enumerable.Range(0, 24).Select(h =>
        {
            var t = new UptimeTally();
            for (var i = 0; i < 360; i++)
            {
                var (up, maintenance, ms) = cycle(h, i);
                t.Record(up, maintenance, ms);
            }
            return t;
        }).ToList();

    [Fact]
    public void A_30_day_query_over_10000_targets_is_bounded_in_memory()
    {
        // 10,000 targets × 30 day records, each merged straight from its bytes: nothing is allocated per record, only
        // per target. The CPU time is printed (time budgets are measured by `fleetops bench`, not asserted here).
        var day = new UptimeTally();
        for (var i = 0; i < 8640; i++) day.Record(up: i % 100 != 0, maintenance: false, latencyMs: 15 + i % 40);
        var record = UptimeCodec.Encode(day);
        var overall = new UptimeTally();
        var perTarget = new UptimeTally();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var target = 0; target < 10_000; target++)
        {
            perTarget = new UptimeTally();
            for (var d = 0; d < 30; d++) UptimeCodec.MergeAll(record, perTarget);
            overall.Merge(perTarget);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"30 days × 10,000 targets: {allocated / 1024 / 1024} MiB allocated, {cpu.TotalMilliseconds:0} ms CPU (process)");
        Assert.Equal(10_000L * 30 * 8640, overall.Total);
        Assert.Equal(Math.Round(100.0 * 8553 / 8640, 4), UptimeFigures.Of(overall, includeMaintenance: false).UptimePercent); // 87 of 8,640 down
        Assert.True(allocated < 10_000L * 1024, $"{allocated} bytes");
    }

    [Fact]
    public void Figures_per_target_and_overall()
    {
        var a = new UptimeTally();
        var b = new UptimeTally();
        for (var i = 0; i < 100; i++)
        {
            a.Record(up: true, maintenance: false, latencyMs: 10);
            b.Record(up: i < 50, maintenance: false, latencyMs: 100);
        }
        var (overall, perTarget) = UptimeFigures.For([new("a", a), new("b", b)], includeMaintenance: false);
        Assert.Equal(100.0, perTarget["a"].UptimePercent);
        Assert.Equal(50.0, perTarget["b"].UptimePercent);
        Assert.Equal(75.0, overall.UptimePercent);
        Assert.Equal(200, overall.Cycles);
        Assert.InRange(overall.P95Ms!.Value, 70, 100);
    }

    [Theory]
    [InlineData("1h", 0, 1)]
    [InlineData("24h", 0, 24)]
    [InlineData("7d", 6, 24)]
    [InlineData("30d", 29, 24)]
    public void A_window_is_whole_days_plus_edge_hours(string name, int days, int hours)
    {
        var now = new DateTimeOffset(2026, 11, 25, 14, 20, 0, TimeSpan.Zero);
        var cover = UptimeWindow.TryParse(name)!.Cover(now);
        Assert.Equal(days, cover.Days.Count);
        Assert.Equal(hours, cover.Hours.Count);
        // Contiguous, from the start to the current hour, no overlap.
        var spans = cover.Days.Select(d => (d, d.AddDays(1))).Concat(cover.Hours.Select(h => (h, h.AddHours(1)))).OrderBy(s => s.Item1).ToList();
        Assert.Equal(cover.Start, spans[0].Item1);
        for (var i = 1; i < spans.Count; i++) Assert.Equal(spans[i - 1].Item2, spans[i].Item1);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), spans[^1].Item2);
    }

    [Fact]
    public void Unknown_windows_are_refused_and_keys_are_utc()
    {
        Assert.Null(UptimeWindow.TryParse("2w"));
        Assert.Equal("1h, 24h, 7d, 30d, 365d", UptimeWindow.KnownNames);
        var t = new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.FromHours(-2));
        Assert.Equal("2026112601", UptimeWindow.HourKey(UptimeWindow.HourOf(t)));
        Assert.Equal("20261126", UptimeWindow.DayKey(UptimeWindow.HourOf(t)));
    }
}
