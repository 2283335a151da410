using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// One round of a wave's health gate: probes the wave's nodes (less those whose action failed) with the gate's checks
/// and writes the round's rows to <c>gate/{wave}-{round}.json</c>. A redelivered round returns the stored rows.
/// </summary>
public sealed class GateActivity(RolloutStore store, FleetProber prober, ILogger<GateActivity> logger)
    : TaskActivity<GateRoundInput, GateRoundOutcome>
{
    public const string Name = nameof(GateActivity);

    public override Task<GateRoundOutcome> RunAsync(TaskActivityContext context, GateRoundInput input) =>
        ExecuteAsync(input, CancellationToken.None);

    public async Task<GateRoundOutcome> ExecuteAsync(GateRoundInput input, CancellationToken cancellationToken)
    {
        var rows = await store.TryReadGateRoundAsync(input.RunId, input.Wave, input.Round, cancellationToken).ConfigureAwait(false);
        if (rows is null)
        {
            var skip = input.Skip.ToHashSet(StringComparer.Ordinal);
            var nodes = await store.ReadNodesAsync(input.RunId, input.NodeList, cancellationToken).ConfigureAwait(false);
            var tasks = nodes.Skip(input.From).Take(input.Count).Where(n => !skip.Contains(n.Name)).Select(n => new ProbeTask(n, input.Checks)).ToList();
            var results = await prober.ProbeAsync(tasks, input.Probe, cancellationToken).ConfigureAwait(false);
            rows = results.Select(Row).ToList();
            await store.WriteGateRoundAsync(input.RunId, input.Wave, input.Round, rows, cancellationToken).ConfigureAwait(false);
        }
        var failed = rows.Where(r => !r.Ok).Select(r => r.Node).ToList();
        logger.LogInformation("Rollout {RunId} wave {Wave} gate round {Round}: {Passed} of {Probed} healthy",
            input.RunId, input.Wave + 1, input.Round + 1, rows.Count - failed.Count, rows.Count);
        return new GateRoundOutcome(rows.Count, failed);
    }

    public static GateRow Row(TargetResult result) =>
        new(result.Name, result.Ok, result.LatencyMs, result.Checks.FirstOrDefault(c => !c.Ok)?.Error?.Message);
}
