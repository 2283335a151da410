namespace FleetOps.Core.Rollouts.Analysis;

/// <summary>
/// One query of a gate's Prometheus analysis (Argo Rollouts' AnalysisTemplate metric): an instant query whose every
/// sample must meet <see cref="Condition"/>. <see cref="Scope"/> "node" renders the query once per gated node
/// (<c>{{name}}</c>, <c>{{host}}</c>, <c>{{labels.x}}</c>…, escaped for a PromQL string); "fleet" runs it once.
/// </summary>
public sealed record PrometheusQuerySpec
{
    /// <summary>Shown in the timeline and reasons; defaults to "query N".</summary>
    public string? Name { get; init; }
    public string? Query { get; init; }

    /// <summary>An operator and a number: "&lt; 0.5", "&gt;= 99", "== 0".</summary>
    public string? Condition { get; init; }

    /// <summary>"node" (default) or "fleet".</summary>
    public string? Scope { get; init; }

    /// <summary>Measurements taken, <c>gate.intervalSeconds</c> apart (default 1).</summary>
    public int? Count { get; init; }

    /// <summary>Failed measurements tolerated (default 0): one more and the wave's gate fails.</summary>
    public int? FailureLimit { get; init; }

    /// <summary>Inconclusive measurements tolerated (default 0): one more and the rollout pauses for a person.</summary>
    public int? InconclusiveLimit { get; init; }
}

public enum QueryScope { Node, Fleet }

/// <summary>What one measurement of a query says.</summary>
public enum QueryVerdict { Pass, Fail, Inconclusive }

/// <summary>A query with its defaults filled in (what the orchestration carries).</summary>
public sealed record PrometheusQuery(string Name, string Query, string Condition, QueryScope Scope, int Count, int FailureLimit, int InconclusiveLimit)
{
    public static PrometheusQuery From(PrometheusQuerySpec spec, int index) => new(
        spec.Name ?? $"query {index + 1}", spec.Query!, spec.Condition!,
        spec.Scope == "fleet" ? QueryScope.Fleet : QueryScope.Node, spec.Count ?? 1, spec.FailureLimit ?? 0, spec.InconclusiveLimit ?? 0);
}
