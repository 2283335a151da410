using DurableTask.Core;
using FleetOps.Host.Engine;

namespace FleetOps.Host.Watchdog;

/// <summary>
/// Runs with work outstanding: every Pending or Running orchestration, grouped under its run (a sub-orchestration's
/// id starts with its parent's, e.g. <c>{runId}-chunk-0001</c>). A run moves when any of its instances completes an
/// episode (a batch, a chunk, a wave, a gate round). A run that waits by design (a rollout waiting for approval) and
/// a suspended (paused) one have nothing outstanding.
/// </summary>
public sealed class RunProgressSource(EngineRuntime engine) : IProgressSource
{
    private const int MaxInstances = 2000;

    public async Task<IReadOnlyList<ProgressSample>> SampleAsync(CancellationToken ct)
    {
        var states = await OutstandingInstances.ListAsync(engine, null, 200, MaxInstances, ct).ConfigureAwait(false);
        return Group(states);
    }

    /// <summary>Pure: instances grouped by run, idle-by-design runs left out. Monitors are not runs (<see cref="MonitorProgressSource"/> watches them).</summary>
    public static IReadOnlyList<ProgressSample> Group(IReadOnlyList<OrchestrationState> states)
    {
        states = [.. states.Where(s => s.Name != Workflows.Monitors.MonitorOrchestrator.Name)];
        var ids = states.Select(s => s.OrchestrationInstance.InstanceId).ToHashSet(StringComparer.Ordinal);
        string Root(string id)
        {
            // An internal id (a chunk: "{runId}:chunk:0001") belongs to the run before its first separator.
            var separator = id.IndexOf(Core.Contracts.InternalIds.Separator, StringComparison.Ordinal);
            if (separator > 0) return Root(id[..separator]);
            var dash = id.LastIndexOf('-');
            while (dash > 0)
            {
                if (ids.Contains(id[..dash])) return Root(id[..dash]);
                dash = id.LastIndexOf('-', dash - 1);
            }
            return id;
        }
        return states
            .GroupBy(s => Root(s.OrchestrationInstance.InstanceId), StringComparer.Ordinal)
            .Where(g => !g.Any(WaitsByDesign))
            .Select(g =>
            {
                var moved = g.Max(s => s.LastUpdatedTime > s.CreatedTime ? s.LastUpdatedTime : s.CreatedTime);
                var status = string.Join(",", g.Select(s => s.OrchestrationStatus).Distinct().Order());
                return new ProgressSample($"run:{g.Key}", $"{moved:O}|{g.Count()}|{status}", InstanceId: g.Key);
            })
            .ToList();
    }

    // The rollout publishes its state in its custom status; waiting for a person is not a stall.
    private static bool WaitsByDesign(OrchestrationState state) =>
        state.Status is { } status && status.Contains("\"waiting-approval\"", StringComparison.Ordinal);
}
