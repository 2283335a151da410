using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// Sets a rollout's control flag when it is cancelled while actions are in flight, so the chunk starts no more nodes
/// (<see cref="ControlFlagWatcher"/>). Pause and resume set it from the API: a suspended orchestration runs nothing.
/// </summary>
public sealed class SignalStopActivity(RolloutStore store) : TaskActivity<StopSignalInput, bool>
{
    public const string Name = nameof(SignalStopActivity);

    public override Task<bool> RunAsync(TaskActivityContext context, StopSignalInput input) => ExecuteAsync(input, CancellationToken.None);

    public async Task<bool> ExecuteAsync(StopSignalInput input, CancellationToken cancellationToken)
    {
        await store.WriteControlAsync(input.RunId, new ControlFlag(input.Stop, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
