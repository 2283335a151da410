using FleetOps.Core.Rollouts;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// The control events a rollout listens to, one waiter per name for the whole execution. A waiter is taken when it
/// completed and replaced at once, so an event that arrives while an activity or a timer runs is handled as soon as
/// the orchestrator looks (deterministically on replay), and several of one name are handled in order. A payload that
/// does not read is dropped rather than failing the rollout.
/// </summary>
internal sealed class RolloutSignals(TaskOrchestrationContext context)
{
    private Task<ControlNote> _cancel = context.WaitForExternalEvent<ControlNote>(RolloutEvents.Cancel);
    private Task<RetuneRequest> _retune = context.WaitForExternalEvent<RetuneRequest>(RolloutEvents.Retune);
    private Task<ControlNote> _paused = context.WaitForExternalEvent<ControlNote>(RolloutEvents.Paused);
    private Task<ControlNote> _resumed = context.WaitForExternalEvent<ControlNote>(RolloutEvents.Resumed);
    private Task<ApprovalDecision> _approval = context.WaitForExternalEvent<ApprovalDecision>(RolloutEvents.Approval);

    /// <summary>The approval waiter, for the approval step to wait on as its work.</summary>
    public Task Approval => _approval;

    public bool AnyCompleted => Watching(includeApproval: true).Any(t => t.IsCompleted);

    public IEnumerable<Task> Watching(bool includeApproval) =>
        includeApproval ? [_cancel, _retune, _paused, _resumed, _approval] : [_cancel, _retune, _paused, _resumed];

    public bool TryTakeCancel(out ControlNote? note) => TryTake(ref _cancel, RolloutEvents.Cancel, out note);

    public bool TryTakeRetune(out RetuneRequest? retune) => TryTake(ref _retune, RolloutEvents.Retune, out retune);

    public bool TryTakePaused(out ControlNote? note) => TryTake(ref _paused, RolloutEvents.Paused, out note);

    public bool TryTakeResumed(out ControlNote? note) => TryTake(ref _resumed, RolloutEvents.Resumed, out note);

    public bool TryTakeApproval(out ApprovalDecision? decision) => TryTake(ref _approval, RolloutEvents.Approval, out decision);

    /// <summary>True when the waiter had completed: <paramref name="value"/> is its payload (null if unreadable), and a new waiter listens.</summary>
    private bool TryTake<T>(ref Task<T> waiter, string name, out T? value) where T : class
    {
        value = null;
        if (!waiter.IsCompleted) return false;
        if (waiter.IsCompletedSuccessfully) value = waiter.Result;
        waiter = context.WaitForExternalEvent<T>(name);
        return true;
    }
}
