using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// A rolling operation as a durable orchestration: <see cref="RolloutRun"/> runs its steps (pre-flight, per wave an
/// optional approval, the action in chunks, the health gate round by round, a rollback when a budget says so). Every
/// <see cref="RolloutInput.StepsPerExecution"/> steps it continues as new with its state in
/// <see cref="RolloutInput.Carry"/>, so each history stays small whatever the fleet, the waves or the gate's rounds.
/// When it ends, however it ends (an activity failing all its retries included), the timeline is written and the
/// inventory's lock released; a failure ends it <c>failed</c> with the reason and then fails the orchestration.
/// </summary>
public sealed class RolloutOrchestrator : TaskOrchestrator<RolloutInput, RolloutOutcome>
{
    public const string Name = nameof(RolloutOrchestrator);

    public override async Task<RolloutOutcome> RunAsync(TaskOrchestrationContext context, RolloutInput input)
    {
        var run = new RolloutRun(context, input);
        bool ended;
        try
        {
            ended = await run.RunAsync();
            if (!ended && run.Carry.Timeline.Count >= RolloutCarry.MaxPendingTimeline / 2) await run.FlushTimelineAsync();
            if (ended) await FinishAsync(context, input, run, quiet: false);
        }
        catch (Exception e) when (e is TaskFailedException or InvalidOperationException or InvalidDataException)
        {
            run.Fail(Describe(e));
            await FinishAsync(context, input, run, quiet: true);
            throw;
        }
        if (!ended)
        {
            context.ContinueAsNew(input with { Carry = run.Carry }, preserveUnprocessedEvents: true);
        }
        return run.Outcome();
    }

    /// <summary>Writes the rest of the timeline, hands the last events to the notifiers and releases the lock. After a failure (quiet) a second failure does not hide the first.</summary>
    private static async Task FinishAsync(TaskOrchestrationContext context, RolloutInput input, RolloutRun run, bool quiet)
    {
        try
        {
            await run.FlushTimelineAsync();
            await run.NotifyAsync();
        }
        catch (TaskFailedException) when (quiet)
        {
        }
        await context.CallActivityAsync<bool>(ReleaseLockActivity.Name, new ReleaseLockInput(input.LockKey, input.RunId), BatchFanOut.BatchRetry);
    }

    private static string Describe(Exception e) => e is TaskFailedException failed
        ? $"{failed.TaskName} failed after its retries: {failed.FailureDetails.ErrorMessage}"
        : $"{e.GetType().Name}: {e.Message}";
}
