using FleetOps.Core.Contracts;
using FleetOps.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Sweeps;

/// <summary>What starting a sweep did: a new run, or the run that already had this id.</summary>
public sealed record StartedRun(string RunId, bool Created, int Targets, int Batches);

/// <summary>
/// Starts a sweep for HTTP and queue alike, with storage work that does not grow with the fleet: stores the request
/// as one blob, registers the run in the <see cref="RunIndex"/>, and schedules the orchestration under the request's
/// id; the orchestration's first activity cuts the batches. Safe to repeat: a second start with the same id finds
/// the run (or the request an interrupted start stored) and starts nothing new.
/// </summary>
public sealed class SweepStarter(SweepStore store, RunIndex runs, Telemetry.FleetOpsMetrics metrics, ILogger<SweepStarter> logger)
{
    public async Task<StartedRun> StartAsync(SweepRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            var plan = SweepPlan.For(request);
            return new StartedRun(runId, Created: false, plan.TargetCount, plan.BatchCount);
        }

        // Request first, orchestration second: a crash in between leaves a request that the retried start finds and
        // runs, never an orchestration without its request. The first stored request is the run's.
        if (!await store.TryCreateRequestAsync(runId, request, cancellationToken).ConfigureAwait(false))
            request = await store.ReadRequestAsync(runId, cancellationToken).ConfigureAwait(false);
        var planned = SweepPlan.For(request);
        var key = await runs.RegisterAsync(runId, SweepOrchestrator.Name, cancellationToken).ConfigureAwait(false);
        var input = new SweepInput(runId, planned.Name, planned.TargetCount, planned.BatchCount, planned.Probe)
        {
            ChunkBatches = planned.ChunkBatchesOrDefault,
            BatchSize = planned.BatchSize,
            CutsBatches = true,
            Inventory = request.Inventory,
            RunKey = key,
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
            return new StartedRun(runId, Created: false, planned.TargetCount, planned.BatchCount);
        }
        metrics.RunStarted("sweep");
        logger.LogInformation("Run {RunId} started: sweep '{Name}', {Targets} targets in {Batches} batches of {BatchSize}",
            runId, planned.Name, planned.TargetCount, planned.BatchCount, planned.BatchSize);
        return new StartedRun(runId, Created: true, planned.TargetCount, planned.BatchCount);
    }
}
