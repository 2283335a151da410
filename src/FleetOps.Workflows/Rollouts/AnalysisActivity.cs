using FleetOps.Core.Rollouts;
using FleetOps.Core.Rollouts.Analysis;
using FleetOps.Core.Targets;
using FleetOps.Probing.Prometheus;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// One round of a wave's Prometheus analysis: measures each due query once. A fleet-scoped query runs once; a
/// node-scoped one runs for each of the wave's nodes whose action succeeded (at most MaxConcurrency at once), and the
/// measurement fails when any node fails, is inconclusive when none failed and any was inconclusive (no data, NaN,
/// Prometheus unreachable or refusing). Reads only: a redelivered round measures again, which is what a later look
/// would do. The arithmetic over rounds is <see cref="AnalysisTally"/>'s, in the orchestration.
/// </summary>
public sealed class AnalysisActivity(RolloutStore store, PrometheusGate prometheus, ILogger<AnalysisActivity> logger)
    : TaskActivity<AnalysisInput, AnalysisOutcome>
{
    public const string Name = nameof(AnalysisActivity);

    public override Task<AnalysisOutcome> RunAsync(TaskActivityContext context, AnalysisInput input) => ExecuteAsync(input, CancellationToken.None);

    public async Task<AnalysisOutcome> ExecuteAsync(AnalysisInput input, CancellationToken cancellationToken)
    {
        var nodes = await store.ReadNodesAsync(input.RunId, input.NodeList, cancellationToken).ConfigureAwait(false);
        var actions = await store.ReadActionsAsync(input.RunId, rollback: false, input.From, input.From + input.Count, cancellationToken).ConfigureAwait(false);
        var gated = nodes.Skip(input.From).Take(input.Count).Where(n => actions.GetValueOrDefault(n.Name) is { Result.Ok: true }).ToList();
        var measurements = new List<QueryMeasurement>();
        foreach (var q in input.Due)
        {
            var query = input.Queries[q];
            var measurement = query.Scope == QueryScope.Fleet
                ? await FleetAsync(q, query, cancellationToken).ConfigureAwait(false)
                : await NodesAsync(q, query, gated, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Rollout {RunId} wave {Wave} Prometheus query '{Query}': {Verdict}: {Detail}",
                input.RunId, input.Wave + 1, query.Name, measurement.Verdict, measurement.Detail);
            measurements.Add(measurement);
        }
        return new AnalysisOutcome(gated.Count, measurements);
    }

    private async Task<QueryMeasurement> FleetAsync(int index, PrometheusQuery query, CancellationToken ct)
    {
        var (verdict, detail) = Judge(query, await prometheus.Client.QueryAsync(query.Query, ct).ConfigureAwait(false));
        return new QueryMeasurement(index, verdict, detail);
    }

    private async Task<QueryMeasurement> NodesAsync(int index, PrometheusQuery query, List<Target> gated, CancellationToken ct)
    {
        // Like the checks' gate: a wave with no node to judge (no action succeeded) has nothing to fail; the action budget judged it.
        if (gated.Count == 0) return new QueryMeasurement(index, QueryVerdict.Pass, "no node of the wave to measure (no action succeeded)");
        var results = new (QueryVerdict Verdict, string Detail)[gated.Count];
        await Parallel.ForAsync(0, gated.Count, new ParallelOptions { MaxDegreeOfParallelism = prometheus.MaxConcurrency, CancellationToken = ct }, async (i, token) =>
        {
            string promql;
            try { promql = ActionTemplate.Render(query.Query, gated[i], TemplateEncoding.PromQl); }
            catch (ActionTemplateException e) { results[i] = (QueryVerdict.Fail, e.Message); return; }
            results[i] = Judge(query, await prometheus.Client.QueryAsync(promql, token).ConfigureAwait(false));
        }).ConfigureAwait(false);

        var failed = Enumerable.Range(0, gated.Count).Where(i => results[i].Verdict == QueryVerdict.Fail).ToList();
        if (failed.Count > 0)
            return new QueryMeasurement(index, QueryVerdict.Fail, $"{failed.Count} of {gated.Count} nodes: {gated[failed[0]].Name}: {results[failed[0]].Detail}",
                failed.Count, [.. failed.Take(TimelineText.ShownNames).Select(i => TimelineText.Clip(gated[i].Name, TimelineText.MaxName)!)]);
        var unsure = Enumerable.Range(0, gated.Count).Where(i => results[i].Verdict == QueryVerdict.Inconclusive).ToList();
        return unsure.Count > 0
            ? new QueryMeasurement(index, QueryVerdict.Inconclusive, $"{unsure.Count} of {gated.Count} nodes: {gated[unsure[0]].Name}: {results[unsure[0]].Detail}")
            : new QueryMeasurement(index, QueryVerdict.Pass, $"{gated.Count} nodes {QueryCondition.Parse(query.Condition)}");
    }

    private static (QueryVerdict, string) Judge(PrometheusQuery query, QueryAnswer answer) => answer.Error is { } error
        ? (QueryVerdict.Inconclusive, $"{error.Message} ({(error.Transient ? "transient" : "permanent")})")
        : QueryCondition.Parse(query.Condition).Judge(answer.Samples);
}
