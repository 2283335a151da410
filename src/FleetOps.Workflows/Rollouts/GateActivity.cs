using FleetOps.Core.Checks;
using FleetOps.Core.Results;
using FleetOps.Core.Rollouts;
using FleetOps.Probing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// One round of a wave's health gate: probes the wave's nodes whose action succeeded with the gate's checks and
/// records the round in the wave's <see cref="GateState"/> (<c>gate/{wave}.json</c>) through <see cref="GateTracker"/>.
/// The state is per node, so it does not grow with the rounds; a redelivered round that is already recorded returns
/// the recorded summary without probing again.
/// </summary>
public sealed class GateActivity(RolloutStore store, FleetProber prober, ILogger<GateActivity> logger)
    : TaskActivity<GateRoundInput, GateRoundOutcome>
{
    public const string Name = nameof(GateActivity);

    public override Task<GateRoundOutcome> RunAsync(TaskActivityContext context, GateRoundInput input) =>
        ExecuteAsync(input, CancellationToken.None);

    public async Task<GateRoundOutcome> ExecuteAsync(GateRoundInput input, CancellationToken cancellationToken)
    {
        var state = await store.TryReadGateAsync(input.RunId, input.Wave, cancellationToken).ConfigureAwait(false);
        if (state is not null && state.Round > input.Round) return Summary(new GateTracker(state.Passes, state.Round, state.Nodes));

        var nodes = await store.ReadNodesAsync(input.RunId, input.NodeList, cancellationToken).ConfigureAwait(false);
        var wave = nodes.Skip(input.From).Take(input.Count).ToList();
        GateTracker tracker;
        if (state is null)
        {
            var actions = await store.ReadActionsAsync(input.RunId, rollback: false, input.From, input.From + input.Count, cancellationToken).ConfigureAwait(false);
            tracker = GateTracker.Start(input.Passes, wave.Where(n => actions.GetValueOrDefault(n.Name) is { Result.Ok: true }).Select(n => n.Name));
        }
        else
        {
            tracker = new GateTracker(state.Passes, state.Round, state.Nodes);
        }

        var gated = tracker.Nodes.Select(n => n.Node).ToHashSet(StringComparer.Ordinal);
        var tasks = wave.Where(n => gated.Contains(n.Name)).Select(n => new ProbeTask(n, input.Checks)).ToList();
        var results = await prober.ProbeAsync(tasks, input.Probe, cancellationToken).ConfigureAwait(false);
        tracker.Record(results.Select(r => new GateProbe(r.Name, r.Ok, FirstError(r))));
        await store.WriteGateAsync(input.RunId, input.Wave, new GateState(tracker.Rounds, tracker.Passes, [.. tracker.Nodes]), cancellationToken).ConfigureAwait(false);

        var summary = Summary(tracker);
        logger.LogInformation("Rollout {RunId} wave {Wave} gate round {Round}: {Healthy} of {Gated} healthy {Passes} time(s) in a row",
            input.RunId, input.Wave + 1, tracker.Rounds, summary.Gated - summary.Pending, summary.Gated, tracker.Passes);
        return summary;
    }

    public static GateRow Row(TargetResult result) => new(result.Name, result.Ok, result.LatencyMs, FirstError(result));

    private static string? FirstError(TargetResult result) => result.Checks.FirstOrDefault(c => !c.Ok)?.Error?.Message;

    private static GateRoundOutcome Summary(GateTracker tracker) =>
        new(tracker.Gated, tracker.Pending, [.. tracker.NotYet().Select(n => TimelineText.Clip(n, TimelineText.MaxName)!)]);
}
