using FleetOps.Core.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// The sweep's first activity: reads the request the starter stored as one blob and writes its batches. This is the
/// storage work that grows with the fleet, done here rather than inside the HTTP request or queue delivery that
/// started the run. Idempotent: a redelivery writes the same batches, with the same content, under the same names.
/// </summary>
public sealed class CutBatchesActivity(SweepStore store, ILogger<CutBatchesActivity> logger) : TaskActivity<CutBatchesInput, int>
{
    public const string Name = nameof(CutBatchesActivity);
    private const int ParallelBlobWrites = 8;

    public override Task<int> RunAsync(TaskActivityContext context, CutBatchesInput input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<int> ExecuteAsync(CutBatchesInput input, CancellationToken ct)
    {
        var request = await store.ReadRequestAsync(input.RunId, ct).ConfigureAwait(false);
        // The size the run was planned with, not today's default: the orchestration counts on BatchCount batches.
        var plan = SweepPlan.For(request) with { BatchSize = input.BatchSize };
        if (plan.BatchCount != input.BatchCount)
            throw new InvalidOperationException(
                $"run {input.RunId}: the stored request makes {plan.BatchCount} batches of {input.BatchSize}, the run expects {input.BatchCount}");
        await Parallel.ForEachAsync(
            plan.Batches(request).Select((tasks, index) => (tasks, index)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBlobWrites, CancellationToken = ct },
            async (batch, token) => await store.WriteBatchAsync(input.RunId, batch.index, batch.tasks, token).ConfigureAwait(false)).ConfigureAwait(false);
        logger.LogInformation("Run {RunId}: {Targets} targets cut into {Batches} batches of {BatchSize}", input.RunId, plan.TargetCount, plan.BatchCount, plan.BatchSize);
        return plan.BatchCount;
    }
}
