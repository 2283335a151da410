using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Checks;
using FleetOps.Core.Monitors;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Alerts;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Workflows.Tests.Monitors;

/// <summary>
/// The alert planner activity on Azurite, over batch states written as the batch activity leaves them: what lands on
/// <c>alert-deliveries</c> (maintenance holds, dependency suppression, reminders), the events it records, and the
/// same ids when it runs again. Layout: batch 0 holds the gateway <c>gw</c>; batch 1 holds <c>n1</c> (behind
/// <c>gw</c>) and <c>n2</c> (no parent).
/// </summary>
public sealed class PlanAlertsActivityTests(StorageFixture storage) : IClassFixture<StorageFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly MonitorStateStore _store = new(storage.Clients);
    private readonly MonitorEvents _events = new(storage.Clients);
    private readonly string _monitor = "pa-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, TargetState> _states = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        static ProbeTask Task(string name) => new(new Target(name, "127.0.0.1:1"), [new TcpCheck()]);
        await _store.WriteBatchAsync(_monitor, "inc1", 1, 0, new MonitorBatch([Task("gw")]) { Parents = ["gw"] }, default);
        await _store.WriteBatchAsync(_monitor, "inc1", 1, 1, new MonitorBatch([Task("n1"), Task("n2")]) { ParentOf = new() { ["n1"] = "gw" } }, default);
        await _store.WritePlanAsync(_monitor, "inc1", new MonitorPlan { Version = 1, BatchCount = 2, TargetCount = 3, Dependents = new() { ["gw"] = 1 } }, default);
        foreach (var name in new[] { "gw", "n1", "n2" }) _states[name] = Up(1);
        await DrainAsync(); // messages left by this class's other tests
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static TargetState Up(long changeCycle) => new()
    {
        State = MonitorState.Up, Previous = changeCycle == 1 ? MonitorState.Unknown : MonitorState.Down, ChangeCycle = changeCycle,
        Since = T0, ConsecutiveSuccesses = 2,
    };

    private static TargetState Down(long changeCycle) => new()
    {
        State = MonitorState.Down, Previous = MonitorState.Up, ChangeCycle = changeCycle, Since = T0.AddSeconds(changeCycle),
        ConsecutiveFailures = 3, FailingCheck = "tcp", ErrorKind = FleetOps.Core.Results.ErrorKind.Refused, Error = "connection refused",
    };

    /// <summary>Writes both batches' states as of <paramref name="cycle"/>: targets whose change cycle is this one are its transitions.</summary>
    private async Task CycleAsync(long cycle, DateTimeOffset at, params (string Target, TargetState State)[] changes)
    {
        var before = changes.ToDictionary(c => c.Target, c => _states[c.Target].State);
        foreach (var (target, state) in changes) _states[target] = state;
        foreach (var (batch, names) in new[] { (0, new[] { "gw" }), (1, new[] { "n1", "n2" }) })
        {
            var transitions = names.Where(before.ContainsKey)
                .Select(n => new StateTransition(n, before[n], _states[n].State, cycle, at, _states[n].FailingCheck, null)).ToList();
            await _store.WriteStateAsync(_monitor, "inc1", new MonitorBatchState(1, batch)
            {
                LastCycle = cycle, LastCycleAt = at,
                Targets = names.ToDictionary(n => n, n => new TargetRecord { State = _states[n] with { LastCycle = cycle } }),
                Transitions = transitions.Count > 0 ? transitions : null,
            }, default);
        }
    }

    private Task<PlanAlertsOutcome> PlanAsync(long cycle, DateTimeOffset at, DateTimeOffset? previous = null, bool maintenance = false, TimeSpan? repeatEvery = null) =>
        new PlanAlertsActivity(_store, _events, new AlertOutbox(storage.Clients), NullLogger<PlanAlertsActivity>.Instance).ExecuteAsync(
            new PlanAlertsInput(_monitor, "inc1", 1, 2, cycle, at)
            {
                PreviousCycleAt = previous, Maintenance = maintenance, Batches = null,
                Notifiers = [new NotifierRoute("ops", RepeatEvery: repeatEvery)],
            }, default);

    /// <summary>Every message on the queue now (removed from it), this monitor's only.</summary>
    private async Task<List<MonitorAlert>> DrainAsync()
    {
        var queue = storage.Clients.Queues.GetQueueClient(AlertOutbox.QueueName);
        await queue.CreateIfNotExistsAsync();
        var mine = new List<MonitorAlert>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (batch.Length == 0) return mine;
            foreach (var message in batch)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                var alert = JsonSerializer.Deserialize<AlertMessage>(message.Body.ToString(), FleetOpsJson.Options)!;
                Assert.Equal("ops", alert.Notifier);
                if (alert.Alert!.Monitor == _monitor) mine.Add(alert.Alert);
            }
        }
    }

    private async Task<List<MonitorEvent>> EventsAsync() => (await _events.PageAsync(_monitor, null, 100, default)).Events;

    private string DownId(string target, long cycle) => AlertIds.ForChange(_monitor, target, cycle, MonitorState.Down);

    [Fact]
    public async Task In_maintenance_a_down_is_held_back_and_sent_once_the_window_ends_if_the_target_is_still_down()
    {
        await CycleAsync(5, T0.AddSeconds(5), ("n2", Down(5)));
        var held = await PlanAsync(5, T0.AddSeconds(5), maintenance: true);
        Assert.Equal((0, 1, 0), (held.Sent, held.Suppressed, held.Deliveries));
        Assert.Empty(await DrainAsync());
        var suppressed = Assert.Single(await EventsAsync(), e => e.Kind == MonitorEventKinds.AlertSuppressed);
        Assert.Equal(("n2", true, DownId("n2", 5)), (suppressed.Target, suppressed.Maintenance, suppressed.AlertId));

        await CycleAsync(6, T0.AddSeconds(15));
        Assert.Equal(0, (await PlanAsync(6, T0.AddSeconds(15), maintenance: true)).Suppressed); // recorded once, not every cycle
        Assert.Empty(await DrainAsync());

        await CycleAsync(7, T0.AddSeconds(25));
        await PlanAsync(7, T0.AddSeconds(25));
        var sent = Assert.Single(await DrainAsync());
        Assert.Equal(("n2", AlertKind.Down, DownId("n2", 5), 5L), (sent.Target, sent.Kind, sent.Id, sent.Cycle));
        Assert.Equal("tcp", sent.FailingCheck);
    }

    [Fact]
    public async Task A_dependent_down_behind_a_down_gateway_is_suppressed_and_the_gateway_alert_counts_it()
    {
        await CycleAsync(5, T0.AddSeconds(5), ("gw", Down(5)), ("n1", Down(5)));
        var outcome = await PlanAsync(5, T0.AddSeconds(5));
        Assert.Equal((1, 1), (outcome.Sent, outcome.Suppressed));
        var gw = Assert.Single(await DrainAsync());
        Assert.Equal(("gw", AlertKind.Down, 1, 1), (gw.Target, gw.Kind, gw.Dependents, gw.DependentsUnreachable));
        var suppressed = Assert.Single(await EventsAsync(), e => e.Kind == MonitorEventKinds.AlertSuppressed);
        Assert.Equal(("n1", "gw"), (suppressed.Target, suppressed.SuppressedBy));

        // The gateway comes back, the dependent is still down: the gateway resolves and the dependent alerts on its own.
        await CycleAsync(8, T0.AddSeconds(8), ("gw", Up(8)));
        await PlanAsync(8, T0.AddSeconds(8));
        var alerts = (await DrainAsync()).OrderBy(a => a.Target, StringComparer.Ordinal).ToList();
        Assert.Equal([("gw", AlertKind.Up), ("n1", AlertKind.Down)], alerts.Select(a => (a.Target, a.Kind)));
        Assert.Equal(DownId("n1", 5), alerts[1].Id);
        Assert.Equal(AlertIds.ForChange(_monitor, "gw", 8, MonitorState.Up), alerts[0].Id);
    }

    [Fact]
    public async Task A_target_that_stays_down_is_reminded_every_repeatEvery_with_numbered_ids()
    {
        var every = TimeSpan.FromMinutes(1);
        await CycleAsync(5, T0, ("n2", Down(5)));
        await PlanAsync(5, T0, repeatEvery: every);
        Assert.Equal(AlertKind.Down, Assert.Single(await DrainAsync()).Kind);

        await CycleAsync(6, T0.AddSeconds(30));
        await PlanAsync(6, T0.AddSeconds(30), previous: T0, repeatEvery: every);
        Assert.Empty(await DrainAsync());

        await CycleAsync(7, T0.AddSeconds(70));
        await PlanAsync(7, T0.AddSeconds(70), previous: T0.AddSeconds(30), repeatEvery: every);
        var reminder = Assert.Single(await DrainAsync());
        Assert.Equal((AlertKind.StillDown, 1, AlertIds.ForReminder(DownId("n2", 5), 1)), (reminder.Kind, reminder.Reminder, reminder.Id));

        await CycleAsync(8, T0.AddSeconds(100));
        await PlanAsync(8, T0.AddSeconds(100), previous: T0.AddSeconds(70), repeatEvery: every);
        Assert.Empty(await DrainAsync());
    }

    [Fact]
    public async Task A_redelivered_planner_returns_its_outcome_and_one_that_lost_its_ledger_plans_the_same_ids_and_events()
    {
        await CycleAsync(5, T0, ("gw", Down(5)), ("n2", Down(5)));
        var first = await PlanAsync(5, T0);
        var sent = (await DrainAsync()).Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { DownId("gw", 5), DownId("n2", 5) }.Order(StringComparer.Ordinal), sent);
        var events = await EventsAsync();

        Assert.Equal(Json(first), Json(await PlanAsync(5, T0))); // after the ledger write: nothing again
        Assert.Empty(await DrainAsync());

        // A crash before the ledger write: the next attempt plans again, with the same ids and the same event rows.
        await storage.Clients.Blobs.GetBlobContainerClient(MonitorPaths.Container).GetBlobClient(MonitorPaths.Ledger(_monitor, "inc1")).DeleteAsync();
        Assert.Equal(Json(first), Json(await PlanAsync(5, T0)));
        Assert.Equal(sent, (await DrainAsync()).Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(events.Select(MonitorEvents.Key), (await EventsAsync()).Select(MonitorEvents.Key));
    }

    private static string Json(PlanAlertsOutcome outcome) => JsonSerializer.Serialize(outcome, FleetOpsJson.Options);
}
