using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>Writes a segment of a rollout's timeline (<c>timeline/{segment}.json</c>); a redelivery writes the same entries again.</summary>
public sealed class RecordTimelineActivity(RolloutStore store) : TaskActivity<TimelineInput, bool>
{
    public const string Name = nameof(RecordTimelineActivity);

    public override Task<bool> RunAsync(TaskActivityContext context, TimelineInput input) => ExecuteAsync(input, CancellationToken.None);

    public async Task<bool> ExecuteAsync(TimelineInput input, CancellationToken cancellationToken)
    {
        await store.WriteTimelineAsync(input.RunId, input.Segment, input.Entries, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
