using FleetOps.Core.Monitors;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// One eternal orchestration per monitor (<see cref="MonitorIds.InstanceId"/>), one cycle per execution: prepare
/// (<see cref="PrepareCycleActivity"/>), wait on a durable timer for the due time raced with a <see cref="WakeEvent"/>
/// (a PUT, pause, resume or delete raises it, and the execution starts over with the new definition), probe the
/// batches (<see cref="MonitorCycleFanOut"/>), plan alerts when something changed or is down, roll up history once a
/// day, then continue as new with a small carry: the history of each execution is bounded by the batch count.
/// It never fails: a step that fails all its retries is recorded and the next cycle goes on.
/// </summary>
public sealed class MonitorOrchestrator : TaskOrchestrator<MonitorCarry, MonitorStatus>
{
    public const string Name = nameof(MonitorOrchestrator);
    public const string WakeEvent = "wake";

    /// <summary>The longest single timer: a longer wait re-prepares in between (and keeps long timers out of the engine).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromHours(6);

    /// <summary>Timers fire up to about a second early or late: a cycle later than this is recorded late.</summary>
    public static readonly TimeSpan LateTolerance = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(30);

    /// <summary>A step's retries: few and short, the next cycle comes anyway.</summary>
    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));

    public override async Task<MonitorStatus> RunAsync(TaskOrchestrationContext context, MonitorCarry carry)
    {
        var now = Now(context);
        CyclePlan plan;
        try
        {
            plan = await context.CallActivityAsync<CyclePlan>(PrepareCycleActivity.Name,
                new PrepareCycleInput(carry.Monitor, carry.Incarnation, carry.LastDue, carry.LastFinishedAt, now) { FreshStart = carry.Cycle == 0 }, Retry);
        }
        catch (TaskFailedException e)
        {
            return await RestAsync(context, carry, Status(context, carry, MonitorStatus.Preparing) with { Problem = e.FailureDetails.ErrorMessage }, now + AfterFailure);
        }

        if (plan.Status == MonitorLifecycle.Deleted || (carry.Incarnation is not null && plan.Incarnation != carry.Incarnation))
        {
            if (carry.Incarnation is { } old) await RetireAsync(context, carry.Monitor, old);
            if (plan.Status == MonitorLifecycle.Deleted)
            {
                var gone = Status(context, carry, MonitorStatus.Deleted);
                context.SetCustomStatus(gone);
                return gone;
            }
            context.ContinueAsNew(new MonitorCarry(carry.Monitor) { Incarnation = plan.Incarnation, Cycle = carry.Cycle });
            return Status(context, carry, MonitorStatus.Preparing);
        }
        carry = carry with { Incarnation = plan.Incarnation };
        if (plan.Status == MonitorLifecycle.Paused)
            return await RestAsync(context, carry with { LastDue = null, LastFinishedAt = null }, Status(context, carry, MonitorStatus.Paused), now + MaxWait);
        if (plan.Version == 0)
            return await RestAsync(context, carry, Status(context, carry, MonitorStatus.Waiting) with { Problem = plan.Problem, NextDue = plan.StartAt }, plan.StartAt);

        if (plan.StartAt > now)
        {
            var waiting = Status(context, carry, MonitorStatus.Waiting) with { NextDue = plan.Due, Version = plan.Version, Targets = plan.TargetCount, Problem = plan.Problem };
            context.SetCustomStatus(waiting);
            var wakeAt = plan.StartAt - now > MaxWait ? now + MaxWait : plan.StartAt;
            if (await WaitAsync(context, wakeAt) || wakeAt < plan.StartAt)
            {
                context.ContinueAsNew(carry);
                return waiting;
            }
        }
        return await RunCycleAsync(context, carry, plan);
    }

    private static async Task<MonitorStatus> RunCycleAsync(TaskOrchestrationContext context, MonitorCarry carry, CyclePlan plan)
    {
        var logger = context.CreateReplaySafeLogger<MonitorOrchestrator>();
        var started = Now(context);
        var cycle = MonitorIds.NextCycle(carry.Cycle, plan.CycleFloor, started);
        var lateness = MonitorSchedule.Lateness(plan.Due, started);
        var late = lateness > LateTolerance || plan.Skipped > 0;
        var status = Status(context, carry, MonitorStatus.Probing) with
        {
            Cycle = cycle, CycleAt = started, LatenessSeconds = Math.Round(lateness.TotalSeconds, 3), Version = plan.Version, Targets = plan.TargetCount,
            BatchesTotal = plan.BatchCount, Maintenance = plan.Maintenance, Problem = plan.Problem,
            LateCycles = carry.LateCycles + (late ? 1 : 0), SkippedCycles = carry.SkippedCycles + plan.Skipped,
        };
        var result = await MonitorCycleFanOut.RunAsync(context, carry, plan, cycle, status);

        var outstanding = carry.Outstanding;
        var ledgerBatches = carry.LedgerBatches ?? [];
        var pending = false;
        if (result.Transitions > 0 || result.Counts.Down > 0 || outstanding > 0 || carry.PlannerPending || late || result.Failed.Count > 0)
        {
            try
            {
                var planned = await context.CallActivityAsync<PlanAlertsOutcome>(PlanAlertsActivity.Name,
                    new PlanAlertsInput(carry.Monitor, plan.Incarnation!, plan.Version, plan.BatchCount, cycle, started)
                    {
                        PreviousCycleAt = carry.LastStartedAt, Maintenance = plan.Maintenance, Notifiers = plan.Notifiers,
                        Batches = carry.PlannerPending ? null : [.. result.Interesting.Concat(ledgerBatches).Distinct().Order()],
                        LateSeconds = late ? Math.Round(lateness.TotalSeconds, 1) : null, Skipped = plan.Skipped,
                        FailedBatches = result.Failed.Count > 0 ? result.Failed : null,
                    }, Retry);
                (outstanding, ledgerBatches) = (planned.Outstanding, planned.LedgerBatches);
            }
            catch (TaskFailedException e)
            {
                // The next cycle plans over every batch: alerts follow states, so none is lost (their ids stay the same).
                pending = true;
                logger.LogWarning("Monitor {Monitor} cycle {Cycle}: planning alerts failed: {Error}", carry.Monitor, cycle, e.FailureDetails.ErrorMessage);
            }
        }

        var today = UptimeWindow.DayKey(started);
        var rolledUp = carry.RolledUpBefore;
        if (rolledUp != today && result.Failed.Count == 0)
        {
            try
            {
                await context.CallActivityAsync<bool>(RollupHistoryActivity.Name, new RollupInput(carry.Monitor, plan.Incarnation!, today), Retry);
                rolledUp = today;
            }
            catch (TaskFailedException e)
            {
                logger.LogWarning("Monitor {Monitor}: rolling up history failed (tried again next cycle): {Error}", carry.Monitor, e.FailureDetails.ErrorMessage);
            }
        }

        var finished = Now(context);
        var next = carry with
        {
            Cycle = cycle, LastDue = plan.Due, LastStartedAt = started, LastFinishedAt = finished, Outstanding = outstanding, LedgerBatches = ledgerBatches,
            PlannerPending = pending, RolledUpBefore = rolledUp, LateCycles = status.LateCycles, SkippedCycles = status.SkippedCycles, Counts = result.Counts,
            LastLatenessSeconds = status.LatenessSeconds,
        };
        var done = status with
        {
            Phase = MonitorStatus.Preparing, PhaseSince = finished, BatchesDone = plan.BatchCount, FailedBatches = result.Failed.Count, Counts = result.Counts,
        };
        context.SetCustomStatus(done);
        context.ContinueAsNew(next);
        return done;
    }

    /// <summary>Waits until <paramref name="until"/> or a wake, then starts over (the carry as given).</summary>
    private static async Task<MonitorStatus> RestAsync(TaskOrchestrationContext context, MonitorCarry carry, MonitorStatus status, DateTimeOffset until)
    {
        context.SetCustomStatus(status);
        await WaitAsync(context, until);
        context.ContinueAsNew(carry);
        return status;
    }

    /// <summary>A durable timer raced with the wake event: true when woken.</summary>
    private static async Task<bool> WaitAsync(TaskOrchestrationContext context, DateTimeOffset until)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(until.UtcDateTime, cancel.Token);
        var wake = context.WaitForExternalEvent<WakeNote>(WakeEvent);
        var winner = await Task.WhenAny(timer, wake);
        if (winner == timer) return false;
        // Synchronously: CancelAsync completes on the thread pool, and an orchestrator that awaits it resumes off the
        // engine's replay thread, after the episode was committed: the execution then hangs in its wait (seen as a
        // monitor that stays paused after a resume, or never runs its next cycle after a wake).
#pragma warning disable CA1849 // the async variant is exactly what must not be awaited here
        cancel.Cancel();
#pragma warning restore CA1849
        return true;
    }

    private static async Task RetireAsync(TaskOrchestrationContext context, string monitor, string incarnation)
    {
        var logger = context.CreateReplaySafeLogger<MonitorOrchestrator>();
        try
        {
            await context.CallActivityAsync<int>(RetireMonitorActivity.Name, new RetireInput(monitor, incarnation), Retry);
        }
        catch (TaskFailedException e)
        {
            logger.LogWarning("Monitor {Monitor}: the data of incarnation {Incarnation} stays behind: {Error}", monitor, incarnation, e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>The orchestration's clock as UTC (replay-safe).</summary>
    public static DateTimeOffset Now(TaskOrchestrationContext context) => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    private static MonitorStatus Status(TaskOrchestrationContext context, MonitorCarry carry, string phase) => new(phase)
    {
        PhaseSince = Now(context), Cycle = carry.Cycle, CycleAt = carry.LastStartedAt, LateCycles = carry.LateCycles,
        SkippedCycles = carry.SkippedCycles, Counts = carry.Counts, LatenessSeconds = carry.LastLatenessSeconds,
    };
}

/// <summary>The payload of <see cref="MonitorOrchestrator.WakeEvent"/>: why (for the history's reader).</summary>
public sealed record WakeNote(string Reason);
