using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// A chunked sweep's own status counts only finished chunks; this adds what its running chunks report, so
/// progress moves batch by batch however large the fleet.
/// </summary>
public static class LiveProgress
{
    public static async Task<SweepProgress?> ForAsync(string runId, SweepProgress? progress, DurableTaskClient client, CancellationToken ct)
    {
        if (progress is not { ChunksTotal: > 0 } p || p.ChunksDone >= p.ChunksTotal) return progress;
        var (batches, targets, ok, failed) = (p.BatchesDone, p.TargetsDone, p.Ok, p.Failed);
        var lookups = Enumerable.Range(0, p.ChunksTotal)
            .Select(k => client.GetInstanceAsync(SweepChunkOrchestrator.InstanceId(runId, k), getInputsAndOutputs: false, ct));
        foreach (var chunk in await Task.WhenAll(lookups).ConfigureAwait(false))
        {
            // Finished chunks are already in the sweep's own count; only running ones add.
            if (chunk is not { RuntimeStatus: OrchestrationRuntimeStatus.Running, SerializedCustomStatus: not null }) continue;
            var c = chunk.ReadCustomStatusAs<SweepProgress>();
            if (c is null) continue;
            (batches, targets, ok, failed) = (batches + c.BatchesDone, targets + c.TargetsDone, ok + c.Ok, failed + c.Failed);
        }
        return p with { BatchesDone = batches, TargetsDone = targets, Ok = ok, Failed = failed };
    }
}
