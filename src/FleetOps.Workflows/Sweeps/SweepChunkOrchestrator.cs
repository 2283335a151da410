using FleetOps.Core.Contracts;
using FleetOps.Core.Summaries;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Sweeps;

/// <summary>Runs a contiguous range of a large sweep's batches, so each orchestration's history stays small.</summary>
public sealed class SweepChunkOrchestrator : TaskOrchestrator<SweepChunkInput, SweepChunkOutcome>
{
    public const string Name = nameof(SweepChunkOrchestrator);

    /// <summary><c>{runId}:chunk:{k}</c>: an internal id no request id can equal (see <see cref="InternalIds"/>).</summary>
    public static string InstanceId(string runId, int chunk) => InternalIds.For(runId, "chunk", chunk);

    public override async Task<SweepChunkOutcome> RunAsync(TaskOrchestrationContext context, SweepChunkInput input)
    {
        var tally = new SweepTally(input.BatchCount, 0);
        var failed = new List<string>();
        void Publish() => context.SetCustomStatus(new SweepProgress("probing", tally.BatchesDone, input.BatchCount, tally.TargetsDone, 0,
            tally.ToSummary().Ok, tally.ToSummary().Failed));
        Publish();
        await BatchFanOut.RunAsync(context, input.RunId, input.FirstBatch, input.BatchCount, input.Probe, input.MaxParallelBatches, tally, failed, Publish);
        return new SweepChunkOutcome(tally.ToOutcome(input.FirstBatch), failed);
    }
}
