using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// What PUT, DELETE, pause and resume do, for HTTP and the <c>monitor-requests</c> queue alike: store the change
/// first, record it, then make sure the monitor's orchestration runs and wake it, so the change applies within
/// seconds (a running orchestration re-reads the definition when woken; a deleted monitor's ends itself). Safe to
/// repeat: storing the same definition changes nothing, and scheduling an instance that runs is refused.
/// </summary>
public sealed class MonitorStarter(MonitorStore store, MonitorEvents events, TimeProvider time, ILogger<MonitorStarter> logger)
{
    /// <summary>A start is refused while the instance is in one of these (a finished one is replaced).</summary>
    private static readonly OrchestrationRuntimeStatus[] Alive =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public async Task<PutOutcome> ApplyAsync(ParsedMonitor monitor, DurableTaskClient client, CancellationToken ct)
    {
        var outcome = await store.PutAsync(monitor.Name, monitor.Definition, ct).ConfigureAwait(false);
        if (outcome.Changed)
            await RecordAsync(monitor.Name, outcome.Created ? MonitorEventKinds.Created : MonitorEventKinds.Updated, $"version {outcome.Record.Version}", ct).ConfigureAwait(false);
        await EnsureRunningAsync(monitor.Name, client, outcome.Changed ? "definition changed" : null, ct).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Null when there was no such monitor.</summary>
    public async Task<MonitorRecord?> DeleteAsync(string name, DurableTaskClient client, CancellationToken ct)
    {
        var deleted = await store.DeleteAsync(name, ct).ConfigureAwait(false);
        if (deleted is null) return null;
        await RecordAsync(name, MonitorEventKinds.Deleted, null, ct).ConfigureAwait(false);
        await WakeAsync(name, client, "deleted", ct).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Null when there is no such monitor.</summary>
    public async Task<(MonitorRecord Record, bool Changed)?> SetPausedAsync(string name, bool paused, DurableTaskClient client, CancellationToken ct)
    {
        var result = await store.SetPausedAsync(name, paused, ct).ConfigureAwait(false);
        if (result is { Changed: true })
        {
            await RecordAsync(name, paused ? MonitorEventKinds.Paused : MonitorEventKinds.Resumed, null, ct).ConfigureAwait(false);
            await EnsureRunningAsync(name, client, paused ? "paused" : "resumed", ct).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Starts the monitor's orchestration unless it runs; wakes a running one when <paramref name="wakeReason"/> is given. True when started.</summary>
    public async Task<bool> EnsureRunningAsync(string name, DurableTaskClient client, string? wakeReason, CancellationToken ct)
    {
        var id = MonitorIds.InstanceId(name);
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (metadata is { IsCompleted: false })
        {
            if (wakeReason is not null) await WakeAsync(name, client, wakeReason, ct).ConfigureAwait(false);
            return false;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(MonitorOrchestrator.Name), new MonitorCarry(name),
                new StartOrchestrationOptions(id).WithDedupeStatuses(Alive), ct).ConfigureAwait(false);
            logger.LogInformation("Monitor {Monitor}: orchestration {InstanceId} started{Previous}", name, id,
                metadata is null ? "" : $" (the previous one was {metadata.RuntimeStatus})");
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another host or request started it meanwhile: that one is this monitor's.
            if (await client.GetInstanceAsync(id, false, CancellationToken.None).ConfigureAwait(false) is not { IsCompleted: false }) throw;
            if (wakeReason is not null) await WakeAsync(name, client, wakeReason, ct).ConfigureAwait(false);
            return false;
        }
    }

    private static Task WakeAsync(string name, DurableTaskClient client, string reason, CancellationToken ct) =>
        client.RaiseEventAsync(MonitorIds.InstanceId(name), MonitorOrchestrator.WakeEvent, new WakeNote(reason), ct);

    private Task RecordAsync(string name, string kind, string? message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return events.AppendAsync(name, new MonitorEvent(kind, now) { Id = $"{kind}/{now.UtcTicks}", Message = message }, ct);
    }
}
