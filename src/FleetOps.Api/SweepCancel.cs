using FleetOps.Core.Contracts;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// Cancels a sweep: terminates it, then the chunks it had in flight. The engine applies a terminate between the
/// sweep's episodes, and the sweep's status is committed with every chunk it starts, so once the sweep shows as
/// terminated its status names every chunk that may still run: at most <see cref="SweepFanOut.MaxParallelChunks"/>
/// of them, so the cost does not grow with the run. (The self-host's engine has no recursive terminate.)
/// </summary>
public static class SweepCancel
{
    private const int SettlePolls = 50;
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(200);

    public static async Task TerminateAsync(string id, DurableTaskClient client, CancellationToken ct)
    {
        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "cancelled by request", Recursive = true }, ct).ConfigureAwait(false);
        OrchestrationMetadata? sweep = null;
        for (var poll = 0; poll < SettlePolls; poll++)
        {
            sweep = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct).ConfigureAwait(false);
            if (sweep is null or { IsCompleted: true }) break;
            await Task.Delay(SettlePoll, ct).ConfigureAwait(false);
        }
        if (sweep?.SerializedCustomStatus is null || sweep.ReadCustomStatusAs<SweepProgress>() is not { RunningChunks: { } running }) return;
        foreach (var chunk in running.Distinct().Take(SweepFanOut.MaxParallelChunks))
            await client.TerminateInstanceAsync(SweepChunkOrchestrator.InstanceId(id, chunk), new TerminateInstanceOptions { Output = "sweep cancelled" }, ct).ConfigureAwait(false);
    }
}
