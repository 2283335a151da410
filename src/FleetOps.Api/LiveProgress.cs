using FleetOps.Core.Contracts;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// A chunked sweep's own status counts only finished chunks; this adds what its running chunks report, so progress
/// moves batch by batch however large the fleet. The sweep's status names the chunks in flight, so this is at most
/// <see cref="SweepFanOut.MaxParallelChunks"/> reads, never one per chunk.
/// </summary>
public static class LiveProgress
{
    public static async Task<SweepProgress?> ForAsync(string runId, SweepProgress? progress, DurableTaskClient client, CancellationToken ct)
    {
        if (progress is not { RunningChunks: { Count: > 0 } running } p) return progress;
        var (batches, targets, ok, failed) = (p.BatchesDone, p.TargetsDone, p.Ok, p.Failed);
        var lookups = running.Distinct().Take(SweepFanOut.MaxParallelChunks)
            .Select(k => client.GetInstanceAsync(SweepChunkOrchestrator.InstanceId(runId, k), getInputsAndOutputs: false, ct));
        foreach (var chunk in await Task.WhenAll(lookups).ConfigureAwait(false))
        {
            // A chunk that just finished is not in the sweep's count yet, but its final status is: count it.
            if (chunk is not { SerializedCustomStatus: not null } || chunk.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Completed)) continue;
            var c = chunk.ReadCustomStatusAs<SweepProgress>();
            if (c is null) continue;
            (batches, targets, ok, failed) = (batches + c.BatchesDone, targets + c.TargetsDone, ok + c.Ok, failed + c.Failed);
        }
        return p with { BatchesDone = batches, TargetsDone = targets, Ok = ok, Failed = failed, RunningChunks = null };
    }
}
