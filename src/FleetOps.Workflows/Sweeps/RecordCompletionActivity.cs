using Microsoft.DurableTask;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// The last activity of a completed sweep of a stored inventory: adds it to <see cref="SweepHistory"/>, so the next
/// sweep's <c>diff=previous</c> finds it without scanning runs. Idempotent (an upsert of the same row).
/// </summary>
public sealed class RecordCompletionActivity(SweepHistory history) : TaskActivity<SweepCompletion, bool>
{
    public const string Name = nameof(RecordCompletionActivity);

    public override Task<bool> RunAsync(TaskActivityContext context, SweepCompletion input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<bool> ExecuteAsync(SweepCompletion input, CancellationToken ct)
    {
        await history.RecordCompletedAsync(input.Inventory, input.RunKey, input.RunId, ct).ConfigureAwait(false);
        return true;
    }
}
