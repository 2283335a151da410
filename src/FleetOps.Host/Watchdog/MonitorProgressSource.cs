using System.Text.Json;
using DurableTask.Core;
using FleetOps.Core;
using FleetOps.Host.Engine;
using FleetOps.Workflows.Monitors;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Watchdog;

/// <summary>
/// Monitors whose cycle is overdue: waiting past its due time, or preparing or probing longer than
/// <c>FleetOps:Watchdog:MonitorLateAfter</c>. Only an overdue monitor is a sample, and its signature moves with its
/// cycle and batches: a monitor that keeps being overdue without moving for <c>StallAfter</c> is a stall. A monitor
/// waiting for its next due time, or paused, is not outstanding work (runs do not count monitors at all).
/// </summary>
public sealed class MonitorProgressSource(EngineRuntime engine, IOptions<WatchdogOptions> options, TimeProvider time) : IProgressSource
{
    private const int MaxInstances = 5000;

    public async Task<IReadOnlyList<ProgressSample>> SampleAsync(CancellationToken ct)
    {
        var states = await OutstandingInstances.ListAsync(engine, MonitorIds.InstanceId(""), 500, MaxInstances, ct).ConfigureAwait(false);
        return Overdue(states, time.GetUtcNow(), options.Value.MonitorLateAfter);
    }

    /// <summary>Pure: the monitors overdue by more than <paramref name="margin"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ProgressSample> Overdue(IEnumerable<OrchestrationState> states, DateTimeOffset now, TimeSpan margin)
    {
        var samples = new List<ProgressSample>();
        foreach (var state in states)
        {
            var id = state.OrchestrationInstance.InstanceId;
            if (state.Name != MonitorOrchestrator.Name || MonitorIds.NameOf(id) is null) continue;
            var status = Read(state.Status);
            var created = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc));
            DateTimeOffset? deadline = status switch
            {
                null => created + margin, // scheduled, never ran a step
                { Phase: MonitorStatus.Paused or MonitorStatus.Deleted } => null,
                { Phase: MonitorStatus.Waiting, NextDue: { } due } => due + margin,
                { Phase: MonitorStatus.Waiting } => null,
                _ => (status.PhaseSince ?? created) + margin,
            };
            if (deadline is { } d && now > d)
                samples.Add(new ProgressSample($"monitor:{id}", $"{status?.Phase}|{status?.Cycle}|{status?.BatchesDone}|{status?.PhaseSince:O}", InstanceId: id));
        }
        return samples;
    }

    private static MonitorStatus? Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<MonitorStatus>(json, FleetOpsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
