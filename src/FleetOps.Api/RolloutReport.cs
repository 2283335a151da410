using FleetOps.Core;
using FleetOps.Core.Rollouts;
using FleetOps.Workflows.Rollouts;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// GET /api/runs/{id}/report of a rollout: per node the wave, the action's result (attempts, status, error), the gate
/// record and the rollback; the timeline of waves, approvals, pauses and retunes (live while it runs); and why it
/// stopped. It reads a blob per chunk, per wave's gate and per timeline segment, never one per node or per round.
/// </summary>
public sealed class RolloutReport(RolloutStore store)
{
    public sealed record NodeGate(int Rounds, int Passes, int PassesInARow, bool LastOk, string? LastError);

    public sealed record NodeRow(string Name, string Address, int? Wave, NodeActionView? Action, NodeGate? Gate, NodeActionView? Rollback, string? Excluded);

    public sealed record NodeActionView(bool Ok, int Attempts, int? Status, double LatencyMs, string? Error, string? ErrorKind, DateTimeOffset At);

    public sealed record Report(
        string Id,
        string Kind,
        string Name,
        string RuntimeStatus,
        bool Complete,
        RolloutProgress? Progress,
        string? Reason,
        List<TimelineEntry>? Timeline,
        List<NodeRow> Nodes);

    public async Task<ApiResponse> GetAsync(OrchestrationMetadata metadata, CancellationToken ct)
    {
        var id = metadata.InstanceId;
        var input = metadata.ReadInputAs<RolloutInput>()!;
        var outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is not null
            ? metadata.ReadOutputAs<RolloutOutcome>() : null;
        var progress = RolloutsApi.Progress(metadata);

        var all = await store.TryReadNodesAsync(id, NodeLists.All, ct).ConfigureAwait(false) ?? [];
        var eligible = input.Preflight ? await store.TryReadNodesAsync(id, NodeLists.Eligible, ct).ConfigureAwait(false) : all;
        var preflight = input.Preflight ? await store.TryReadPreflightAsync(id, ct).ConfigureAwait(false) : null;
        var actions = await store.ReadAllActionsAsync(id, rollback: false, ct).ConfigureAwait(false);
        var rollbacks = await store.ReadAllActionsAsync(id, rollback: true, ct).ConfigureAwait(false);
        var gates = await store.ReadAllGatesAsync(id, ct).ConfigureAwait(false);
        var timeline = await TimelineAsync(id, input, outcome, ct).ConfigureAwait(false);

        // Wave of each node: its place in the node list the waves were cut from (the plan, computed again).
        var waveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        if (eligible is not null && progress is { Waves: > 0 })
        {
            var sizes = WavePlan.Compute(progress.NodesTotal, input.Waves, input.Canary, input.BatchSize);
            var index = 0;
            for (var w = 0; w < sizes.Count; w++)
                for (var k = 0; k < sizes[w] && index < eligible.Count; k++)
                    waveOf[eligible[index++].Name] = w + 1;
        }

        var gateOf = new Dictionary<string, NodeGate>(StringComparer.Ordinal);
        foreach (var node in gates.Values.SelectMany(g => g.Nodes))
            gateOf[node.Node] = new NodeGate(node.Rounds, node.Passes, node.InARow, node.LastOk, node.LastError);
        var excluded = preflight?.Where(r => !r.Ok).ToDictionary(r => r.Node, r => r.Error ?? "unhealthy", StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);

        var nodes = all.Select(n => new NodeRow(
            n.Name, n.Address,
            waveOf.TryGetValue(n.Name, out var wave) ? wave : null,
            actions.TryGetValue(n.Name, out var a) ? View(a) : null,
            gateOf.GetValueOrDefault(n.Name),
            rollbacks.TryGetValue(n.Name, out var r) ? View(r) : null,
            excluded.GetValueOrDefault(n.Name))).ToList();

        var view = RunView.From(metadata);
        return ApiResponse.Json(200, new Report(id, "rollout", input.Name, view.RuntimeStatus, metadata.IsCompleted, progress,
            progress?.Reason ?? view.Failure?.Message, timeline, nodes));
    }

    /// <summary>The written segments, then the entries the running execution carries; an older version's output timeline if there is nothing else.</summary>
    private async Task<List<TimelineEntry>> TimelineAsync(string id, RolloutInput input, RolloutOutcome? outcome, CancellationToken ct)
    {
        var (timeline, segments) = await store.ReadTimelineAsync(id, ct).ConfigureAwait(false);
        // The carried entries are the next segment's: unless it has been written since, they are not in a blob yet.
        if (outcome is null && input.Carry is { } carry && segments <= carry.TimelineSegment) timeline.AddRange(carry.Timeline);
        return timeline.Count == 0 && outcome?.Timeline is { } old ? old : timeline;
    }

    private static NodeActionView View(StoredAction stored) =>
        new(stored.Result.Ok, stored.Result.Attempts, stored.Result.Status, stored.Result.LatencyMs, stored.Result.Error?.Message,
            stored.Result.Error is { } e ? WireNames.Of(e.Kind) : null, stored.At);
}
