using FleetOps.Core.Rollouts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// What starting a rollout did: a new run, the run that already had this id, or nothing because another run holds the
/// lock (<see cref="HeldBy"/>) or the lock kept changing hands (<see cref="Contended"/>: try again).
/// </summary>
public sealed record StartedRollout(string RunId, bool Created, int Nodes, string? HeldBy = null)
{
    public bool Contended { get; init; }
}

/// <summary>
/// Starts a rollout for HTTP and queue alike: takes the inventory's lock, writes the nodes to blob, then schedules the
/// orchestration under the request's id. Safe to repeat: a second start with the same id finds the run (or its lock)
/// and starts nothing.
/// </summary>
public sealed class RolloutStarter(RolloutStore store, RolloutLocks locks, RunIndex runs, Telemetry.FleetOpsMetrics metrics, ILogger<RolloutStarter> logger)
{
    public async Task<StartedRollout> StartAsync(ResolvedRollout rollout, string runId, DurableTaskClient client, CancellationToken ct)
    {
        var count = rollout.Nodes.Count;
        if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, ct).ConfigureAwait(false) is not null)
            return new StartedRollout(runId, Created: false, count);

        var attempt = await locks.AcquireAsync(rollout.LockKey, runId, (h, since) => IsActiveAsync(client, h, since, ct), ct).ConfigureAwait(false);
        if (attempt.IsContended) return new StartedRollout(runId, Created: false, count) { Contended = true };
        if (attempt.Holder is { } holder)
        {
            logger.LogInformation("Rollout {RunId} not started: {Holder} holds {Lock}", runId, holder, rollout.LockKey);
            return new StartedRollout(runId, Created: false, count, holder);
        }

        try
        {
            // Nodes first, orchestration second: a crash in between leaves a blob the retried start overwrites.
            await store.WriteNodesAsync(runId, rollout.Nodes, ct).ConfigureAwait(false);
            await runs.RegisterAsync(runId, RolloutOrchestrator.Name, ct).ConfigureAwait(false);
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(RolloutOrchestrator.Name), InputFor(rollout, runId), new StartOrchestrationOptions(runId), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (await client.GetInstanceAsync(runId, false, CancellationToken.None).ConfigureAwait(false) is not null)
            {
                logger.LogInformation("Rollout {RunId} was started concurrently by another delivery ({Error})", runId, e.Message);
                return new StartedRollout(runId, Created: false, count);
            }
            await locks.ReleaseAsync(rollout.LockKey, runId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        metrics.RunStarted("rollout");
        logger.LogInformation("Rollout {RunId} started: '{Name}', {Nodes} nodes, lock {Lock}", runId, rollout.Request.Name ?? "rollout", count, rollout.LockKey);
        return new StartedRollout(runId, Created: true, count);
    }

    public static RolloutInput InputFor(ResolvedRollout rollout, string runId)
    {
        var r = rollout.Request;
        var gate = r.Gate is { } g
            ? new RolloutGate(g.Checks ?? [], g.Passes ?? RolloutInput.DefaultPasses, g.IntervalSeconds ?? RolloutInput.DefaultIntervalSeconds,
                g.DeadlineSeconds ?? RolloutInput.DefaultDeadlineSeconds)
            {
                Prometheus = g.Prometheus?.Select((q, i) => Core.Rollouts.Analysis.PrometheusQuery.From(q!, i)).ToList(),
            }
            : null;
        var budgets = new RolloutBudgets(
            BudgetValue.From(ErrorBudget.Parse(r.Budgets?.ActionFailures, "budgets.actionFailures")),
            BudgetValue.From(ErrorBudget.Parse(r.Budgets?.GateFailures, "budgets.gateFailures")),
            RolloutModes.OnExceeded(r));
        return new RolloutInput(
            runId, r.Name ?? "rollout", rollout.Nodes.Count, rollout.LockKey, r.Action!, r.Concurrency ?? RolloutInput.DefaultConcurrency,
            gate, budgets, RolloutModes.Approval(r), r.Approval?.TimeoutSeconds ?? RolloutInput.DefaultApprovalTimeoutSeconds, r.Preflight == true)
        {
            Inventory = r.Inventory,
            Waves = r.Waves,
            Canary = r.Canary,
            BatchSize = r.BatchSize,
            Rollback = r.Rollback,
            Notifiers = r.Notifiers,
        };
    }

    /// <summary>A holder runs while its orchestration has not ended; one not scheduled yet is given <see cref="RolloutLocks.StartGrace"/>.</summary>
    private static async Task<bool> IsActiveAsync(DurableTaskClient client, string holder, DateTimeOffset since, CancellationToken ct)
    {
        var metadata = await client.GetInstanceAsync(holder, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (metadata is null) return DateTimeOffset.UtcNow - since < RolloutLocks.StartGrace;
        return !metadata.IsCompleted;
    }
}
