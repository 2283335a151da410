using FleetOps.Core.Summaries;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// Fans one <see cref="ProbeBatchActivity"/> out per batch (at most <see cref="SweepInput.MaxParallelBatches"/> at once),
/// tallies their counts, and publishes progress. A batch that still fails after its retries does not stop the others;
/// the run fails at the end naming it, with every other batch's results kept.
/// </summary>
public sealed class SweepOrchestrator : TaskOrchestrator<SweepInput, SweepSummary>
{
    public const string Name = nameof(SweepOrchestrator);

    public static readonly TaskOptions BatchRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<SweepSummary> RunAsync(TaskOrchestrationContext context, SweepInput input)
    {
        var tally = new SweepTally(input.BatchCount, input.TargetCount);
        var failedBatches = new List<string>();
        var pending = new List<Task<BatchOutcome>>();
        var indexOf = new Dictionary<Task<BatchOutcome>, int>();
        var next = 0;
        var targetsDone = 0;
        Publish(context, input, tally, targetsDone, "probing");

        while (next < input.BatchCount || pending.Count > 0)
        {
            while (next < input.BatchCount && pending.Count < input.MaxParallelBatches)
            {
                var task = context.CallActivityAsync<BatchOutcome>(ProbeBatchActivity.Name, new ProbeBatchInput(input.RunId, next, input.Probe), BatchRetry);
                indexOf[task] = next++;
                pending.Add(task);
            }
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            try
            {
                var outcome = await done;
                tally.Add(outcome);
                targetsDone += outcome.Targets;
            }
            catch (TaskFailedException e)
            {
                failedBatches.Add($"batch {indexOf[done]}: {e.FailureDetails.ErrorMessage}");
            }
            Publish(context, input, tally, targetsDone, "probing");
        }

        var summary = tally.ToSummary();
        Publish(context, input, tally, targetsDone, failedBatches.Count == 0 ? "completed" : "failed");
        if (failedBatches.Count > 0)
            throw new InvalidOperationException($"{failedBatches.Count} of {input.BatchCount} batches failed after retries: {string.Join("; ", failedBatches)}");
        return summary;
    }

    private static void Publish(TaskOrchestrationContext context, SweepInput input, SweepTally tally, int targetsDone, string phase)
    {
        var s = tally.ToSummary();
        context.SetCustomStatus(new SweepProgress(phase, s.BatchesDone, input.BatchCount, targetsDone, input.TargetCount, s.Ok, s.Failed));
    }
}
