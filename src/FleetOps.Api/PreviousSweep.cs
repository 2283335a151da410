using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// Finds the sweep to compare a run with: the latest completed sweep of the same inventory accepted before it. One
/// query of the inventory's <see cref="SweepHistory"/>, however many runs there are.
/// </summary>
public sealed class PreviousSweep(SweepHistory history)
{
    public Task<string?> FindAsync(OrchestrationMetadata run, SweepInput input, CancellationToken ct) =>
        input.Inventory is null
            ? Task.FromResult<string?>(null)
            // A run started before the index existed has no key: its creation time places it among the others.
            : history.FindPreviousAsync(input.Inventory, input.RunKey ?? RunIndex.KeyFor(run.CreatedAt, run.InstanceId), ct);
}
