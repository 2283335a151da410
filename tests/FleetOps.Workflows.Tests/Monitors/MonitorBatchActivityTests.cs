using FleetOps.Core.Checks;
using FleetOps.Core.Monitors;
using FleetOps.Core.Policy;
using FleetOps.Core.Targets;
using FleetOps.Probing;
using FleetOps.Simulator;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Workflows.Tests.Monitors;

/// <summary>
/// One batch of a monitor cycle on Azurite against simulated nodes: the state machine applied against the batch's
/// state blob, a redelivered cycle that changes nothing (no probe, no write), and the hour roll-up flushed to history
/// when a cycle falls in a new hour.
/// </summary>
public sealed class MonitorBatchActivityTests(StorageFixture storage) : IClassFixture<StorageFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 10, 59, 40, TimeSpan.Zero);
    private readonly MonitorStateStore _store = new(storage.Clients);
    private readonly MonitorHistory _history = new(storage.Clients);
    private readonly ManualClock _clock = new(T0);
    private readonly string _monitor = "mb-" + Guid.NewGuid().ToString("N")[..8];
    private SimulatedFleet _fleet = null!;
    private FleetProber _prober = null!;

    public async Task InitializeAsync()
    {
        _fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2, NamePrefix = $"{_monitor}-" });
        _prober = new FleetProber(TargetPolicy.From(new PolicyOptions { Allow = ["127.0.0.0/8"] }));
        var tasks = _fleet.Nodes.Select(n => new ProbeTask(new Target(n.Name, n.Address), [new HttpCheck { Path = "/health" }])).ToList();
        await _store.WriteBatchAsync(_monitor, "inc1", 1, 0, new MonitorBatch(tasks), default);
    }

    public async Task DisposeAsync()
    {
        _prober.Dispose();
        await _fleet.DisposeAsync();
    }

    private MonitorBatchActivity Activity() => new(_store, _history, _prober, _clock, NullLogger<MonitorBatchActivity>.Instance);

    private MonitorBatchInput Cycle(long cycle, DateTimeOffset at) =>
        new(_monitor, "inc1", 1, 0, cycle, at) { FailureThreshold = 1, SuccessThreshold = 1, Probe = new ProbeOptions { TimeoutMs = 1000, Attempts = 1 } };

    private async Task<string> StateETagAsync() =>
        (await storage.Clients.Blobs.GetBlobContainerClient(MonitorPaths.Container).GetBlobClient(MonitorPaths.State(_monitor, "inc1", 1, 0))
            .GetPropertiesAsync()).Value.ETag.ToString();

    [Fact]
    public async Task A_redelivered_cycle_returns_the_same_outcome_without_probing_or_writing_even_when_the_target_changed_since()
    {
        var down = _fleet.Nodes[1].Name;
        _fleet.SetFault(down, NodeFault.Down);
        var first = await Activity().ExecuteAsync(Cycle(1, T0), default);
        Assert.Equal((1, 1, 0, 1), (first.Counts.Up, first.Counts.Down, first.Counts.Unknown, first.Counts.Failing));
        var transition = Assert.Single((await _store.ReadStateAsync(_monitor, "inc1", 1, 0, default))!.Transitions!);
        Assert.Equal((down, MonitorState.Unknown, MonitorState.Down), (transition.Target, transition.From, transition.To));

        var etag = await StateETagAsync();
        var probes = _fleet.HealthRequests;
        _fleet.SetFault(down, NodeFault.None); // were it probed again, it would be up now
        var again = await Activity().ExecuteAsync(Cycle(1, T0), default);

        Assert.Equal(first, again);
        Assert.Equal(etag, await StateETagAsync());
        Assert.Equal(probes, _fleet.HealthRequests);
        var state = (await _store.ReadStateAsync(_monitor, "inc1", 1, 0, default))!;
        Assert.Equal(MonitorState.Down, state.Targets[down].State.State);
        Assert.Equal(1, state.Targets[down].State.ConsecutiveFailures);

        // An older cycle (a very late redelivery) changes nothing either.
        Assert.Equal(0, (await Activity().ExecuteAsync(Cycle(0, T0), default)).Transitions);
        Assert.Equal(etag, await StateETagAsync());

        // The next cycle does probe: the target is up again, one transition.
        var next = await Activity().ExecuteAsync(Cycle(2, T0.AddSeconds(10)), default);
        Assert.Equal((2, 0, 1), (next.Counts.Up, next.Counts.Down, next.Transitions));
    }

    [Fact]
    public async Task A_cycle_in_a_new_hour_flushes_the_ended_hour_to_history_once_and_keeps_it_in_today()
    {
        var flaky = _fleet.Nodes[1].Name;
        await Activity().ExecuteAsync(Cycle(1, T0), default);
        _fleet.SetFault(flaky, NodeFault.Down);
        await Activity().ExecuteAsync(Cycle(2, T0.AddSeconds(10)), default);
        Assert.Empty(await _history.DaysWithHoursAsync(_monitor, "inc1", default));

        var eleven = T0.AddSeconds(25); // 11:00:05
        await Activity().ExecuteAsync(Cycle(3, eleven), default);
        var hours = await _history.ReadHourBlobsAsync(_monitor, "inc1", "20261130", null, default);
        Assert.Equal((2, 1), (hours[flaky][10].Total, hours[flaky][10].Up));
        Assert.Equal((2, 2), (hours[_fleet.Nodes[0].Name][10].Total, hours[_fleet.Nodes[0].Name][10].Up));
        Assert.All(hours.Values, day => Assert.Equal(2, day.Sum(h => h.Total))); // hour 11 is not flushed yet

        var state = (await _store.ReadStateAsync(_monitor, "inc1", 1, 0, default))!;
        var record = state.Targets[flaky];
        Assert.Equal("2026113011", record.HourKey);
        Assert.Equal((1, 0), Tally(record.Hour));
        Assert.Equal((2, 1), Tally(record.Today));

        // Redelivered: the hour is not counted twice, neither in history nor in state.
        await Activity().ExecuteAsync(Cycle(3, eleven), default);
        hours = await _history.ReadHourBlobsAsync(_monitor, "inc1", "20261130", null, default);
        Assert.Equal(2, hours[flaky][10].Total);
        Assert.Equal(state with { }, (await _store.ReadStateAsync(_monitor, "inc1", 1, 0, default))!, new StateComparer());

        // The next day: hour 11 goes to history, and today starts empty; the finished day rolls up into totals.
        await Activity().ExecuteAsync(Cycle(4, T0.AddDays(1)), default);
        var nextDay = (await _store.ReadStateAsync(_monitor, "inc1", 1, 0, default))!.Targets[flaky];
        Assert.Null(nextDay.Today);
        await _history.RollUpDayAsync(_monitor, "inc1", "20261130", default);
        var totals = (await _history.ReadDayTotalsAsync(_monitor, "inc1", "20261130", default))!;
        Assert.Equal((3, 1), Tally(totals[flaky]));
        Assert.DoesNotContain("20261130", await _history.DaysWithHoursAsync(_monitor, "inc1", default));
    }

    private static (long Total, long Up) Tally(string? text)
    {
        Assert.NotNull(text);
        var tally = UptimeCodec.DecodeText(text);
        return (tally.Total, tally.Up);
    }

    /// <summary>Batch states compared by their JSON (records holding dictionaries compare by reference).</summary>
    private sealed class StateComparer : IEqualityComparer<MonitorBatchState>
    {
        public bool Equals(MonitorBatchState? x, MonitorBatchState? y) => Json(x) == Json(y);

        public int GetHashCode(MonitorBatchState obj) => Json(obj).GetHashCode(StringComparison.Ordinal);

        private static string Json(MonitorBatchState? s) => System.Text.Json.JsonSerializer.Serialize(s, FleetOps.Core.FleetOpsJson.Options);
    }
}
