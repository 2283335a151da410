using FleetOps.Core.Summaries;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// The fan-out loop shared by the sweep and its chunks: one <see cref="ProbeBatchActivity"/> per batch, at most
/// <c>maxParallel</c> in flight, each with <see cref="BatchRetry"/>. A batch that fails all its retries is recorded,
/// not thrown: the other batches go on.
/// </summary>
public static class BatchFanOut
{
    public static readonly TaskOptions BatchRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public static async Task RunAsync(
        TaskOrchestrationContext context, string runId, int firstBatch, int batchCount, Core.Checks.ProbeOptions probe, int maxParallel,
        SweepTally tally, List<string> failedBatches, Action onProgress)
    {
        var pending = new List<Task<BatchOutcome>>();
        var indexOf = new Dictionary<Task<BatchOutcome>, int>();
        var next = firstBatch;
        var end = firstBatch + batchCount;
        while (next < end || pending.Count > 0)
        {
            while (next < end && pending.Count < maxParallel)
            {
                var task = context.CallActivityAsync<BatchOutcome>(ProbeBatchActivity.Name, new ProbeBatchInput(runId, next, probe), BatchRetry);
                indexOf[task] = next++;
                pending.Add(task);
            }
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            try
            {
                tally.Add(await done);
            }
            catch (TaskFailedException e)
            {
                failedBatches.Add($"batch {indexOf[done]}: {e.FailureDetails.ErrorMessage}");
            }
            onProgress();
        }
    }
}
