using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Probing.Telemetry;
using FleetOps.Core.Summaries;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// Probes one batch: reads its targets from blob, probes them, writes the rows to the batch's result blob and returns
/// only counts. At-least-once safe: a redelivered batch whose results are already written returns them unprobed.
/// </summary>
public sealed class ProbeBatchActivity(SweepStore store, FleetProber prober, Telemetry.FleetOpsMetrics metrics, ILogger<ProbeBatchActivity> logger)
    : TaskActivity<ProbeBatchInput, BatchOutcome>
{
    public const string Name = nameof(ProbeBatchActivity);

    public override Task<BatchOutcome> RunAsync(TaskActivityContext context, ProbeBatchInput input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<BatchOutcome> ExecuteAsync(ProbeBatchInput input, CancellationToken cancellationToken)
    {
        using var span = FleetOpsTracing.StartBatch("sweep batch", input.RunId, input.BatchIndex);
        var existing = await store.TryReadResultsAsync(input.RunId, input.BatchIndex, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            logger.LogInformation("Run {RunId} batch {Batch}: results already stored, not probing again", input.RunId, input.BatchIndex);
            return BatchOutcome.From(input.BatchIndex, existing);
        }
        var tasks = await store.ReadBatchAsync(input.RunId, input.BatchIndex, cancellationToken).ConfigureAwait(false);
        var results = await prober.ProbeAsync(tasks, input.Probe, cancellationToken).ConfigureAwait(false);
        await store.WriteResultsAsync(input.RunId, input.BatchIndex, results, cancellationToken).ConfigureAwait(false);
        metrics.BatchProbed(results);
        var outcome = BatchOutcome.From(input.BatchIndex, results);
        logger.LogInformation("Run {RunId} batch {Batch}: {Ok} ok, {Failed} failed", input.RunId, input.BatchIndex, outcome.Ok, outcome.Failed);
        return outcome;
    }
}
