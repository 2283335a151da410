using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>Finds the sweep to compare a run with: the latest completed sweep of the same inventory before it.</summary>
public static class PreviousSweep
{
    public static async Task<string?> FindAsync(OrchestrationMetadata run, SweepInput input, DurableTaskClient client, CancellationToken ct)
    {
        if (input.Inventory is null) return null;
        var query = new OrchestrationQuery
        {
            CreatedTo = run.CreatedAt.AddTicks(-1),
            Statuses = [OrchestrationRuntimeStatus.Completed],
            FetchInputsAndOutputs = true,
            PageSize = 100,
        };
        OrchestrationMetadata? best = null;
        await foreach (var candidate in client.GetAllInstancesAsync(query).WithCancellation(ct).ConfigureAwait(false))
        {
            if (candidate.Name != SweepOrchestrator.Name || candidate.InstanceId == run.InstanceId) continue;
            if (best is not null && candidate.CreatedAt <= best.CreatedAt) continue;
            if (candidate.ReadInputAs<SweepInput>()?.Inventory == input.Inventory) best = candidate;
        }
        return best?.InstanceId;
    }
}
