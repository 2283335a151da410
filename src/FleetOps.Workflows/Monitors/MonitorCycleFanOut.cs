using Microsoft.DurableTask;

namespace FleetOps.Workflows.Monitors;

/// <summary>What a cycle's batches found together: counts, changes, the batches worth planning over, the ones that failed.</summary>
public sealed record CycleResult(MonitorCounts Counts, int Transitions, List<int> Interesting, List<int> Failed);

/// <summary>
/// A cycle's fan-out: one <see cref="MonitorBatchActivity"/> per batch (never one per target), at most
/// <see cref="CyclePlan.MaxParallelBatches"/> in flight, progress in the custom status. A batch that fails its
/// retries is counted as failed; the others go on.
/// </summary>
public static class MonitorCycleFanOut
{
    public static async Task<CycleResult> RunAsync(TaskOrchestrationContext context, MonitorCarry carry, CyclePlan plan, long cycle, MonitorStatus status)
    {
        var pending = new Dictionary<Task<BatchCycleOutcome>, int>();
        var counts = MonitorCounts.Zero;
        var (transitions, done, next) = (0, 0, 0);
        var interesting = new List<int>();
        var failed = new List<int>();
        var at = MonitorOrchestrator.Now(context);
        context.SetCustomStatus(status);
        while (next < plan.BatchCount || pending.Count > 0)
        {
            while (next < plan.BatchCount && pending.Count < Math.Max(1, plan.MaxParallelBatches))
            {
                var input = new MonitorBatchInput(carry.Monitor, plan.Incarnation!, plan.Version, next, cycle, at)
                {
                    Maintenance = plan.Maintenance, FailureThreshold = plan.FailureThreshold, SuccessThreshold = plan.SuccessThreshold,
                    Probe = plan.Probe, Heartbeat = plan.Heartbeat,
                };
                pending[context.CallActivityAsync<BatchCycleOutcome>(MonitorBatchActivity.Name, input, MonitorOrchestrator.Retry)] = next++;
            }
            var finished = await Task.WhenAny(pending.Keys);
            var batch = pending[finished];
            pending.Remove(finished);
            try
            {
                var outcome = await finished;
                counts += outcome.Counts;
                transitions += outcome.Transitions;
                if (outcome.Transitions > 0 || outcome.Counts.Down > 0 || outcome.Counts.Failing > 0) interesting.Add(batch);
            }
            catch (TaskFailedException)
            {
                failed.Add(batch);
            }
            done++;
            context.SetCustomStatus(status with { BatchesDone = done, FailedBatches = failed.Count, Counts = counts });
        }
        failed.Sort();
        return new CycleResult(counts, transitions, interesting, failed);
    }
}
