using FleetOps.Core.Summaries;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// Probes every batch of a sweep and tallies the counts. Up to <see cref="SweepInput.ChunkBatches"/> batches it fans
/// out activities itself; beyond that it runs chunks of batches as sub-orchestrations (at most
/// <see cref="SweepInput.MaxParallelChunks"/> at once), so no history grows with the fleet. A batch that still fails
/// after its retries does not stop the others; the run fails at the end naming it, with every other result kept.
/// </summary>
public sealed class SweepOrchestrator : TaskOrchestrator<SweepInput, SweepSummary>
{
    public const string Name = nameof(SweepOrchestrator);

    public override async Task<SweepSummary> RunAsync(TaskOrchestrationContext context, SweepInput input)
    {
        var tally = new SweepTally(input.BatchCount, input.TargetCount);
        var failedBatches = new List<string>();
        var chunksDone = 0;
        void Publish(string phase)
        {
            var s = tally.ToSummary();
            context.SetCustomStatus(new SweepProgress(phase, s.BatchesDone, input.BatchCount, tally.TargetsDone, input.TargetCount, s.Ok, s.Failed)
            {
                ChunksTotal = input.ChunkCount,
                ChunksDone = chunksDone,
            });
        }
        Publish("probing");

        if (input.ChunkCount == 0)
        {
            await BatchFanOut.RunAsync(context, input.RunId, 0, input.BatchCount, input.Probe, input.MaxParallelBatches, tally, failedBatches, () => Publish("probing"));
        }
        else
        {
            var pending = new List<Task<SweepChunkOutcome>>();
            var next = 0;
            while (next < input.ChunkCount || pending.Count > 0)
            {
                while (next < input.ChunkCount && pending.Count < SweepInput.MaxParallelChunks)
                {
                    var first = next * input.ChunkBatches;
                    var chunk = new SweepChunkInput(input.RunId, first, Math.Min(input.ChunkBatches, input.BatchCount - first), input.Probe, input.MaxParallelBatches);
                    pending.Add(context.CallSubOrchestratorAsync<SweepChunkOutcome>(
                        SweepChunkOrchestrator.Name, chunk, new SubOrchestrationOptions { InstanceId = SweepChunkOrchestrator.InstanceId(input.RunId, next) }));
                    next++;
                }
                var done = await Task.WhenAny(pending);
                pending.Remove(done);
                var outcome = await done;
                tally.Add(outcome.Tally);
                failedBatches.AddRange(outcome.FailedBatches);
                chunksDone++;
                Publish("probing");
            }
        }

        Publish(failedBatches.Count == 0 ? "completed" : "failed");
        if (failedBatches.Count > 0)
            throw new InvalidOperationException($"{failedBatches.Count} of {input.BatchCount} batches failed after retries: {string.Join("; ", failedBatches)}");
        return tally.ToSummary();
    }
}
