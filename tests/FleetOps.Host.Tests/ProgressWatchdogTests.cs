using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FleetOps.Host.Engine;
using FleetOps.Host.Health;
using FleetOps.Host.Watchdog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.Host.Tests;

/// <summary>
/// The watchdog's detection and recovery path, deterministic on a fake clock: a run that stops moving and a message
/// the engine refuses are reported once (log line, readiness, counter) and recovered by recycling the worker.
/// </summary>
public sealed class ProgressWatchdogTests : IDisposable
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeSource _runs = new();
    private readonly FakeEngine _engine = new();
    private readonly FakeStorage _storage = new();
    private readonly ListLogger _log = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counters = new();
    private readonly EngineRefusals _refusals;
    private readonly ProgressWatchdog _watchdog;

    public ProgressWatchdogTests()
    {
        _refusals = new EngineRefusals(_time);
        _watchdog = new ProgressWatchdog([_runs, _refusals], _refusals, _engine, _storage, new WatchdogMetrics(_meters.GetRequiredService<IMeterFactory>()),
            Options.Create(new WatchdogOptions { StallAfter = StallAfter, CheckInterval = Check }), _time, _log);
        _listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == FleetOps.Workflows.Telemetry.FleetOpsMetrics.MeterName) l.EnableMeasurementEvents(instrument); };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _counters.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        _listener.Start();
    }

    [Fact]
    public async Task A_run_that_stops_moving_is_reported_once_and_recovered_by_recycling_the_worker()
    {
        _runs.Set(new ProgressSample("run:sweep-7", "199/200", InstanceId: "sweep-7"));
        _refusals.Record("msg-42"); // the engine's "processed multiple times concurrently"
        await _watchdog.CheckAsync(CancellationToken.None);

        await RunForAsync(StallAfter - Check);
        Assert.Null(_watchdog.Stall);
        Assert.Equal(0, _engine.Recycles);

        await RunForAsync(Check);
        Assert.NotNull(_watchdog.Stall);
        Assert.Equal(1, _engine.Recycles);
        var line = Assert.Single(_log.Lines, l => l.Contains("Watchdog: stall", StringComparison.Ordinal));
        Assert.Contains("sweep-7", line);
        Assert.Contains("msg-42", line);
        Assert.Equal(1, _counters.GetValueOrDefault("fleetops.watchdog.stalls"));
        Assert.Equal(1, _counters.GetValueOrDefault("fleetops.watchdog.recoveries"));

        // The fresh worker picks the message up: the run moves, the stall is over, readiness is healthy again.
        _runs.Set(new ProgressSample("run:sweep-7", "200/200", InstanceId: "sweep-7"));
        await RunForAsync(Check);
        Assert.Null(_watchdog.Stall);
        Assert.Single(_log.Lines, l => l.Contains("progress resumed", StringComparison.Ordinal));
        Assert.Equal(1, _engine.Recycles);
    }

    [Fact]
    public async Task A_stall_that_outlives_a_recycle_is_recycled_again_after_another_StallAfter_with_no_new_report()
    {
        _runs.Set(new ProgressSample("run:r", "1", InstanceId: "r"));
        await _watchdog.CheckAsync(CancellationToken.None);
        await RunForAsync(StallAfter);
        Assert.Equal(1, _engine.Recycles);
        await RunForAsync(StallAfter - Check);
        Assert.Equal(1, _engine.Recycles);
        await RunForAsync(Check);
        Assert.Equal(2, _engine.Recycles);
        Assert.Single(_log.Lines, l => l.Contains("Watchdog: stall", StringComparison.Ordinal));
        Assert.Equal(1, _counters.GetValueOrDefault("fleetops.watchdog.stalls"));
    }

    [Fact]
    public async Task Nothing_moves_during_a_storage_outage_and_that_is_not_a_stall()
    {
        _runs.Set(new ProgressSample("run:r", "1", InstanceId: "r"));
        _storage.IsReachable = false;
        await RunForAsync(StallAfter * 5);
        Assert.Null(_watchdog.Stall);
        _storage.IsReachable = true;
        await RunForAsync(StallAfter - Check);
        Assert.Null(_watchdog.Stall);
        Assert.Equal(0, _engine.Recycles);
    }

    [Fact]
    public async Task A_refused_message_that_stops_being_refused_is_forgotten()
    {
        _refusals.Record("m1");
        await RunForAsync(StallAfter - Check);
        _time.Advance(_refusals.Window);
        await _watchdog.CheckAsync(CancellationToken.None);
        await RunForAsync(StallAfter);
        Assert.Null(_watchdog.Stall);
        Assert.Equal(0, _engine.Recycles);
    }

    private async Task RunForAsync(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += Check)
        {
            _time.Advance(Check);
            await _watchdog.CheckAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    private sealed class FakeSource : IProgressSource
    {
        private IReadOnlyList<ProgressSample> _samples = [];

        public void Set(params ProgressSample[] samples) => _samples = samples;

        public Task<IReadOnlyList<ProgressSample>> SampleAsync(CancellationToken ct) => Task.FromResult(_samples);
    }

    private sealed class FakeEngine : IRecyclableEngine
    {
        public int Recycles { get; private set; }
        public EngineState State => EngineState.Running;

        public Task RecycleAsync(string reason, CancellationToken ct)
        {
            Recycles++;
            return Task.CompletedTask;
        }
    }

    private sealed class FakeStorage : IStorageStatus
    {
        public bool IsReachable { get; set; } = true;

        public void ReportFailure()
        {
        }
    }

    private sealed class ListLogger : ILogger<ProgressWatchdog>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }
}
