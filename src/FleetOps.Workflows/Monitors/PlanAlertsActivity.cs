using FleetOps.Core.Monitors;
using FleetOps.Workflows.Alerts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// A cycle's alerts: reads the batches that matter (those with changes, downs or failures, and those holding ledger
/// entries), runs the pure <see cref="AlertPlanner"/> (maintenance, dependency suppression, reminders), hands each
/// (alert, notifier) to delivery on <c>alert-deliveries</c>, records the cycle's events, and writes the ledger last
/// with the cycle. A redelivery after the ledger write returns the stored outcome; one before it plans the same
/// alerts with the same ids again (delivery de-duplicates on alert id and notifier) and upserts the same events.
/// </summary>
public sealed class PlanAlertsActivity(MonitorStateStore store, MonitorEvents events, AlertOutbox outbox, ILogger<PlanAlertsActivity> logger)
    : TaskActivity<PlanAlertsInput, PlanAlertsOutcome>
{
    public const string Name = nameof(PlanAlertsActivity);

    public override Task<PlanAlertsOutcome> RunAsync(TaskActivityContext context, PlanAlertsInput input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<PlanAlertsOutcome> ExecuteAsync(PlanAlertsInput input, CancellationToken ct)
    {
        var (monitor, inc) = (input.Monitor, input.Incarnation);
        var ledger = await store.ReadLedgerAsync(monitor, inc, ct).ConfigureAwait(false);
        if (ledger.LastCycle >= input.Cycle && ledger.Outcome is { } done)
        {
            logger.LogInformation("Monitor {Monitor}: alerts of cycle {Cycle} already planned", monitor, input.Cycle);
            return done;
        }

        // Ledger batches are positions in the layout they were written under; after a new cut, read them all.
        var all = input.Batches is null || ledger.Version != input.Version;
        var wanted = all ? Enumerable.Range(0, input.BatchCount) : input.Batches!.Concat(ledger.Entries.Values.Select(e => e.Batch));
        var states = await store.ReadStatesAsync(monitor, inc, input.Version, wanted.Where(b => b < input.BatchCount), ct).ConfigureAwait(false);
        var view = await ViewAsync(input, states, ledger, ct).ConfigureAwait(false);
        var plan = AlertPlanner.Plan(view.Input);

        await outbox.EnqueueAsync(plan.Deliveries.Select(d => AlertMessage.For(d, input.At)).ToList(), ct).ConfigureAwait(false);
        await events.AppendAllAsync(monitor, EventsOf(input, states, plan), ct).ConfigureAwait(false);

        var entries = new Dictionary<string, LedgerItem>(ledger.Version == input.Version ? ledger.Entries : Rebatch(ledger.Entries, view.BatchOf), StringComparer.Ordinal);
        foreach (var (target, entry) in plan.Ledger)
        {
            if (entry is null) entries.Remove(target);
            else entries[target] = new LedgerItem(entry, view.BatchOf.GetValueOrDefault(target, entries.GetValueOrDefault(target)?.Batch ?? 0));
        }
        var outcome = new PlanAlertsOutcome(input.Cycle, plan.Sent.Count, plan.Suppressed.Count, plan.Deliveries.Count, entries.Count)
        {
            LedgerBatches = [.. entries.Values.Select(e => e.Batch).Distinct().Order()],
        };
        await store.WriteLedgerAsync(monitor, inc, new AlertLedger { Version = input.Version, LastCycle = input.Cycle, Entries = entries, Outcome = outcome }, ct).ConfigureAwait(false);
        if (plan.Deliveries.Count > 0 || plan.Suppressed.Count > 0)
            logger.LogInformation("Monitor {Monitor} cycle {Cycle}: {Sent} alerts to {Deliveries} deliveries, {Suppressed} held back",
                monitor, input.Cycle, plan.Sent.Count, plan.Deliveries.Count, plan.Suppressed.Count);
        return outcome;
    }

    private sealed record View(AlertPlanInput Input, Dictionary<string, int> BatchOf);

    /// <summary>The planner's input from the batches read: every down, changed or remembered target; parents' states; dependents.</summary>
    private async Task<View> ViewAsync(PlanAlertsInput input, List<MonitorBatchState> states, AlertLedger ledger, CancellationToken ct)
    {
        var targets = new List<TargetView>();
        var batchOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var parentStates = new Dictionary<string, MonitorState>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, DependentCount>(StringComparer.Ordinal);
        var plan = await store.ReadPlanAsync(input.Monitor, input.Incarnation, ct).ConfigureAwait(false);
        foreach (var state in states)
        {
            var batch = await store.ReadBatchAsync(input.Monitor, input.Incarnation, input.Version, state.Batch, ct).ConfigureAwait(false);
            foreach (var (child, parent) in batch.ParentOf ?? []) parentOf[child] = parent;
            foreach (var parent in batch.Parents ?? [])
                if (state.Targets.TryGetValue(parent, out var p)) parentStates[parent] = p.State.State;
            foreach (var task in batch.Tasks)
            {
                var name = task.Target.Name;
                batchOf[name] = state.Batch;
                if (!state.Targets.TryGetValue(name, out var record)) continue;
                var entry = ledger.Entries.GetValueOrDefault(name)?.Entry;
                if (batch.ParentOf?.TryGetValue(name, out var parent) == true && (record.State.State == MonitorState.Down || record.State.Failing))
                    dependents[parent] = dependents.GetValueOrDefault(parent) + new DependentCount(0, 1);
                if (record.State.State == MonitorState.Down || entry is not null || record.State.ChangeCycle == input.Cycle)
                    targets.Add(new TargetView(name, task.Target.Address, record.State, entry));
            }
        }
        // Totals come from the layout (every dependent, read or not); the unreachable ones are all in batches read.
        foreach (var (parent, total) in plan?.Dependents ?? [])
            dependents[parent] = new DependentCount(total, dependents.GetValueOrDefault(parent).Unreachable);
        return new View(new AlertPlanInput
        {
            Monitor = input.Monitor, Cycle = input.Cycle, Now = input.At, PreviousCycleAt = input.PreviousCycleAt, InMaintenance = input.Maintenance,
            Targets = targets, ParentOf = parentOf, ParentStates = parentStates, Dependents = dependents, Notifiers = input.Notifiers,
        }, batchOf);
    }

    private static Dictionary<string, LedgerItem> Rebatch(Dictionary<string, LedgerItem> entries, Dictionary<string, int> batchOf) =>
        entries.Where(e => batchOf.ContainsKey(e.Key)).ToDictionary(e => e.Key, e => e.Value with { Batch = batchOf[e.Key] }, StringComparer.Ordinal);

    private static List<MonitorEvent> EventsOf(PlanAlertsInput input, List<MonitorBatchState> states, AlertPlan plan)
    {
        var list = new List<MonitorEvent>();
        foreach (var state in states.Where(s => s.LastCycle == input.Cycle))
            foreach (var t in state.Transitions ?? [])
                list.Add(new MonitorEvent(MonitorEventKinds.StateChanged, t.At)
                {
                    Id = $"change/{t.Target}/{t.Cycle}/{AlertIds.Name(t.To)}", Target = t.Target, From = t.From, To = t.To, Cycle = t.Cycle,
                    Maintenance = input.Maintenance ? true : null, Message = t.Error is { } e ? $"{t.FailingCheck}: {e.Message}" : null,
                });
        foreach (var alert in plan.Sent)
            list.Add(new MonitorEvent(MonitorEventKinds.AlertSent, input.At)
            {
                Id = $"sent/{alert.Id}", Target = alert.Target, To = alert.State, Cycle = alert.Cycle, AlertId = alert.Id, Alert = alert.Kind,
                Notifiers = plan.Deliveries.Where(d => d.Alert.Id == alert.Id).Select(d => d.Notifier).ToList(), Message = alert.Title,
            });
        foreach (var alert in plan.Suppressed)
            list.Add(new MonitorEvent(MonitorEventKinds.AlertSuppressed, input.At)
            {
                Id = $"suppressed/{alert.Id}/{alert.SuppressedBy}/{alert.Maintenance}", Target = alert.Target, To = alert.State, Cycle = alert.Cycle,
                AlertId = alert.Id, Alert = alert.Kind, Maintenance = alert.Maintenance ? true : null, SuppressedBy = alert.SuppressedBy, Message = alert.Title,
            });
        if (input.LateSeconds is { } late)
            list.Add(new MonitorEvent(MonitorEventKinds.CycleLate, input.At)
            {
                Id = $"late/{input.Cycle}", Cycle = input.Cycle,
                Message = $"started {late:0.#} s after its due time" + (input.Skipped > 0 ? $"; {input.Skipped} due times skipped (the previous cycle overran)" : ""),
            });
        if (input.FailedBatches is { Count: > 0 } failed)
            list.Add(new MonitorEvent(MonitorEventKinds.BatchFailed, input.At)
            {
                Id = $"failed/{input.Cycle}", Cycle = input.Cycle,
                Message = $"batches {string.Join(", ", failed)} failed all their attempts: their targets were not judged this cycle",
            });
        return list;
    }
}
