using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>Releases the rollout's inventory lock when the rollout ends, however it ends (if it still holds it).</summary>
public sealed class ReleaseLockActivity(RolloutLocks locks, ILogger<ReleaseLockActivity> logger) : TaskActivity<ReleaseLockInput, bool>
{
    public const string Name = nameof(ReleaseLockActivity);

    public override Task<bool> RunAsync(TaskActivityContext context, ReleaseLockInput input) => ExecuteAsync(input, CancellationToken.None);

    public async Task<bool> ExecuteAsync(ReleaseLockInput input, CancellationToken cancellationToken)
    {
        var released = await locks.ReleaseAsync(input.LockKey, input.RunId, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Rollout {RunId}: lock {Lock} {What}", input.RunId, input.LockKey, released ? "released" : "was already held by another run");
        return released;
    }
}
