using FleetOps.Core.Contracts;
using FleetOps.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Sweeps;

/// <summary>What starting a sweep did: a new run, or the run that already had this id.</summary>
public sealed record StartedRun(string RunId, bool Created, int Targets, int Batches);

/// <summary>
/// Starts a sweep for HTTP and queue alike: writes the batches to blob, then schedules the orchestration under the
/// request's id. Safe to repeat: a second start with the same id finds the run and starts nothing.
/// </summary>
public sealed class SweepStarter(RunStore store, ILogger<SweepStarter> logger)
{
    private const int ParallelBlobWrites = 8;

    public async Task<StartedRun> StartAsync(SweepRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var plan = SweepPlan.For(request);
        if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
            return new StartedRun(runId, Created: false, plan.TargetCount, plan.BatchCount);

        // Batches first, orchestration second: a crash in between leaves blobs that the retried start overwrites
        // with the same content, never an orchestration without its batches.
        await Parallel.ForEachAsync(
            plan.Batches(request).Select((tasks, index) => (tasks, index)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBlobWrites, CancellationToken = cancellationToken },
            async (batch, ct) => await store.WriteBatchAsync(runId, batch.index, batch.tasks, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var input = new SweepInput(runId, plan.Name, plan.TargetCount, plan.BatchCount, plan.Probe)
        {
            ChunkBatches = plan.ChunkBatches ?? SweepInput.DefaultChunkBatches,
            Inventory = request.Inventory,
        };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(SweepOrchestrator.Name), input, new StartOrchestrationOptions(runId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another delivery of the same request may have won the race: then that run is this run.
            if (await client.GetInstanceAsync(runId, false, CancellationToken.None).ConfigureAwait(false) is null) throw;
            logger.LogInformation("Run {RunId} was started concurrently by another delivery ({Error})", runId, e.Message);
            return new StartedRun(runId, Created: false, plan.TargetCount, plan.BatchCount);
        }
        logger.LogInformation("Run {RunId} started: sweep '{Name}', {Targets} targets in {Batches} batches of {BatchSize}",
            runId, plan.Name, plan.TargetCount, plan.BatchCount, plan.BatchSize);
        return new StartedRun(runId, Created: true, plan.TargetCount, plan.BatchCount);
    }
}
