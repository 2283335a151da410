using FleetOps.Core.Contracts;
using FleetOps.Core.Summaries;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// Runs a sweep: first cuts the stored request into batches (<see cref="CutBatchesActivity"/>), then probes every
/// batch and tallies the counts. Up to <see cref="SweepInput.ChunkBatches"/> batches it fans out activities itself;
/// beyond that it runs chunks of batches as sub-orchestrations (at most <see cref="SweepFanOut.MaxParallelChunks"/>
/// at once, at most <see cref="SweepFanOut.MaxChunks"/> in all), so no history grows with the fleet. A batch that
/// still fails after its retries does not stop the others; the run fails at the end naming it, with every other
/// result kept. A completed sweep of a stored inventory is recorded last (<see cref="RecordCompletionActivity"/>).
/// </summary>
public sealed class SweepOrchestrator : TaskOrchestrator<SweepInput, SweepSummary>
{
    public const string Name = nameof(SweepOrchestrator);

    public override async Task<SweepSummary> RunAsync(TaskOrchestrationContext context, SweepInput input)
    {
        var tally = new SweepTally(input.BatchCount, input.TargetCount);
        var failedBatches = new List<string>();
        var chunksDone = 0;
        var running = new List<int>();
        void Publish(string phase)
        {
            var s = tally.ToSummary();
            context.SetCustomStatus(new SweepProgress(phase, s.BatchesDone, input.BatchCount, tally.TargetsDone, input.TargetCount, s.Ok, s.Failed)
            {
                ChunksTotal = input.ChunkCount,
                ChunksDone = chunksDone,
                RunningChunks = running.Count > 0 ? [.. running] : null,
            });
        }

        if (input.CutsBatches)
        {
            Publish("preparing");
            try
            {
                await context.CallActivityAsync<int>(CutBatchesActivity.Name, new CutBatchesInput(input.RunId, input.BatchSize, input.BatchCount), BatchFanOut.BatchRetry);
            }
            catch (TaskFailedException e)
            {
                Publish("failed");
                throw new InvalidOperationException($"the request could not be cut into batches: {e.FailureDetails.ErrorMessage}", e);
            }
        }
        Publish("probing");

        if (input.ChunkCount == 0)
        {
            await BatchFanOut.RunAsync(context, input.RunId, 0, input.BatchCount, input.Probe, input.MaxParallelBatches, tally, failedBatches, () => Publish("probing"));
        }
        else
        {
            var pending = new Dictionary<Task<SweepChunkOutcome>, int>();
            var next = 0;
            while (next < input.ChunkCount || pending.Count > 0)
            {
                while (next < input.ChunkCount && pending.Count < SweepFanOut.MaxParallelChunks)
                {
                    var first = next * input.ChunkBatches;
                    var chunk = new SweepChunkInput(input.RunId, first, Math.Min(input.ChunkBatches, input.BatchCount - first), input.Probe, input.MaxParallelBatches);
                    pending[context.CallSubOrchestratorAsync<SweepChunkOutcome>(
                        SweepChunkOrchestrator.Name, chunk, new SubOrchestrationOptions { InstanceId = SweepChunkOrchestrator.InstanceId(input.RunId, next) })] = next;
                    running.Add(next++);
                }
                // The chunks just started are in the status committed with them: a GET or a cancel finds them there.
                Publish("probing");
                var done = await Task.WhenAny(pending.Keys);
                running.Remove(pending[done]);
                pending.Remove(done);
                var outcome = await done;
                tally.Add(outcome.Tally);
                failedBatches.AddRange(outcome.FailedBatches);
                chunksDone++;
            }
        }

        if (failedBatches.Count > 0)
        {
            Publish("failed");
            throw new InvalidOperationException($"{failedBatches.Count} of {input.BatchCount} batches failed after retries: {string.Join("; ", failedBatches)}");
        }
        if (input.Inventory is not null && input.RunKey is not null)
        {
            try
            {
                await context.CallActivityAsync<bool>(RecordCompletionActivity.Name, new SweepCompletion(input.RunId, input.Inventory, input.RunKey), BatchFanOut.BatchRetry);
            }
            catch (TaskFailedException e)
            {
                // Every result is stored: the run did complete. Only a later diff=previous will not find it.
                context.CreateReplaySafeLogger<SweepOrchestrator>().LogWarning(
                    "Run {RunId}: not recorded as the latest sweep of inventory {Inventory}: {Error}", input.RunId, input.Inventory, e.FailureDetails.ErrorMessage);
            }
        }
        Publish("completed");
        return tally.ToSummary();
    }
}
