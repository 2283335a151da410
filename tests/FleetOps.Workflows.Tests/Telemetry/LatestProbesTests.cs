using System.Diagnostics.Metrics;
using FleetOps.Core.Results;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Telemetry;
using FleetOps.Workflows.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Tests.Telemetry;

/// <summary>The per-target table behind /metrics' probe_success: labels from the allow-list, the latest cycle, the cap, the TTL.</summary>
public sealed class LatestProbesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class CountingLogger : ILogger<LatestProbes>
    {
        public int Warnings;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Interlocked.Increment(ref Warnings);
        }
    }

    private static LatestProbes Table(ManualClock clock, int max = 100, ILogger<LatestProbes>? logger = null) =>
        new(Options.Create(new MetricsOptions { TargetLabels = ["group", "region"], MaxTargetSeries = max, TargetTtl = TimeSpan.FromMinutes(5) }),
            clock, logger ?? NullLogger<LatestProbes>.Instance);

    private static TargetResult Result(string name, bool ok, DateTimeOffset? certificate = null, Dictionary<string, string>? labels = null) =>
        new(name, "10.0.0.1:443", ok, 250, [
            new CheckResult("tls", "tls", ok, 200, 1, Error: ok ? null : new ProbeError(ErrorKind.Refused, "refused")) { CertificateExpiresAt = certificate },
            new CheckResult("tcp", "tcp", true, 50, 1) { CertificateExpiresAt = certificate?.AddDays(-3) }], labels);

    [Fact]
    public void The_latest_cycle_wins_and_only_allowed_labels_become_tags()
    {
        var table = Table(new ManualClock(T0));
        table.Record("web", [Result("a", false, labels: new() { ["group"] = "edge", ["secret"] = "s" })]);
        table.Record("web", [Result("a", true, T0.AddDays(30), new() { ["group"] = "edge", ["secret"] = "s" })]);
        var sample = Assert.Single(table.Current());
        Assert.True(sample.Ok);
        Assert.Equal("none", sample.ErrorKind);
        Assert.Equal(0.25, sample.DurationSeconds);
        Assert.Equal(T0.AddDays(27).ToUnixTimeSeconds(), sample.CertificateExpiry); // the earliest of the checks'
        Assert.Equal([new("monitor", "web"), new("target", "a"), new("group", "edge")], sample.Tags);
    }

    [Fact]
    public void A_failed_target_carries_its_error_kind_and_no_certificate_means_no_expiry()
    {
        var table = Table(new ManualClock(T0));
        table.Record("web", [Result("a", false)]);
        var sample = Assert.Single(table.Current());
        Assert.Equal(("refused", (double?)null), (sample.ErrorKind, sample.CertificateExpiry));
    }

    [Fact]
    public void Beyond_the_cap_new_targets_are_dropped_counted_and_logged_once_while_known_ones_still_update()
    {
        var logger = new CountingLogger();
        var table = Table(new ManualClock(T0), max: 2, logger);
        var dropped = 0;
        table.Dropped += n => dropped += n;
        table.Record("m1", [Result("a", true), Result("b", true), Result("c", true)]);
        table.Record("m2", [Result("a", true)]);
        table.Record("m1", [Result("a", false)]);
        Assert.Equal(2, table.Count);
        Assert.Equal(2, dropped);
        Assert.Equal(1, logger.Warnings);
        Assert.False(table.Current().Single(s => s.Tags[1].Value is "a").Ok);
    }

    [Fact]
    public void A_target_not_probed_within_the_TTL_is_forgotten()
    {
        var clock = new ManualClock(T0);
        var table = Table(clock);
        table.Record("web", [Result("a", true)]);
        clock.Now = T0.AddMinutes(4);
        table.Record("web", [Result("b", true)]);
        clock.Now = T0.AddMinutes(6);
        Assert.Equal(["b"], table.Current().Select(s => (string)s.Tags[1].Value!));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void The_dropped_counter_and_the_gauges_read_the_table()
    {
        using var services = new ServiceCollection().AddMetrics().AddLogging()
            .AddSingleton<TimeProvider>(new ManualClock(T0))
            .AddSingleton(Options.Create(new MetricsOptions { MaxTargetSeries = 1 }))
            .AddSingleton<LatestProbes>().AddSingleton<TargetMetrics>().BuildServiceProvider();
        _ = services.GetRequiredService<TargetMetrics>();
        var seen = new List<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == FleetOpsMetrics.MeterName) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => seen.Add((i.Name, v)));
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => seen.Add((i.Name, v)));
        listener.Start();
        services.GetRequiredService<LatestProbes>().Record("web", [Result("a", false), Result("b", true)]);
        listener.RecordObservableInstruments();
        Assert.Contains(("fleetops.metrics.series.dropped", 1.0), seen);
        Assert.Contains(("probe_success", 0.0), seen);
        Assert.Contains(("probe.duration", 0.25), seen);
        Assert.Contains(("fleetops.probe.error", 1.0), seen);
        Assert.DoesNotContain(seen, s => s.Instrument == "probe_ssl_earliest_cert_expiry");
    }
}
