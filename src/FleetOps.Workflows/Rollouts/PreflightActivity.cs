using FleetOps.Core.Checks;
using FleetOps.Core.Rollouts;
using FleetOps.Probing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// The optional pre-flight: the gate's checks once on every node; the healthy ones become the rollout's nodes
/// (<c>eligible.json</c>, written once), the others are left out and reported. A redelivery returns what is stored.
/// </summary>
public sealed class PreflightActivity(RolloutStore store, FleetProber prober, ILogger<PreflightActivity> logger)
    : TaskActivity<PreflightInput, PreflightOutcome>
{
    public const string Name = nameof(PreflightActivity);

    public override Task<PreflightOutcome> RunAsync(TaskActivityContext context, PreflightInput input) =>
        ExecuteAsync(input, CancellationToken.None);

    public async Task<PreflightOutcome> ExecuteAsync(PreflightInput input, CancellationToken cancellationToken)
    {
        var nodes = await store.ReadNodesAsync(input.RunId, NodeLists.All, cancellationToken).ConfigureAwait(false);
        var eligible = await store.TryReadNodesAsync(input.RunId, NodeLists.Eligible, cancellationToken).ConfigureAwait(false);
        if (eligible is null)
        {
            var results = await prober.ProbeAsync(nodes.Select(n => new ProbeTask(n, input.Checks)).ToList(), input.Probe, cancellationToken).ConfigureAwait(false);
            await store.WritePreflightAsync(input.RunId, results.Select(GateActivity.Row).ToList(), cancellationToken).ConfigureAwait(false);
            var healthy = results.Where(r => r.Ok).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            eligible = await store.CreateEligibleAsync(input.RunId, nodes.Where(n => healthy.Contains(n.Name)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        var kept = eligible.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var excluded = nodes.Where(n => !kept.Contains(n.Name)).Select(n => n.Name).ToList();
        logger.LogInformation("Rollout {RunId} pre-flight: {Eligible} healthy, {Excluded} left out", input.RunId, eligible.Count, excluded.Count);
        return new PreflightOutcome(eligible.Count, excluded.Count, [.. excluded.Take(RolloutStore.SampleNames).Select(n => TimelineText.Clip(n, TimelineText.MaxName)!)]);
    }
}
