using FleetOps.Core.Contracts;

namespace FleetOps.Core.Rollouts.Analysis;

/// <summary>
/// Checks <c>gate.prometheus</c> field by field: the query's placeholders (node scope) or their absence (fleet
/// scope), balanced brackets and closed strings, the condition, the counts and limits. Whether a Prometheus is
/// configured is the request parser's to say (it knows the settings).
/// </summary>
public static class PrometheusGateValidator
{
    public const int MaxQueries = 8, MaxQueryLength = 4096, MaxNameLength = 100, MaxCount = 100, MaxLimit = 100;

    public static void Validate(List<PrometheusQuerySpec?> queries, string path, ValidationErrors errors)
    {
        if (queries.Count == 0) { errors.Add(path, "is empty: give at least one query, or leave it out"); return; }
        if (queries.Count > MaxQueries) { errors.Add(path, $"{queries.Count} queries is more than {MaxQueries}"); return; }
        for (var q = 0; q < queries.Count; q++)
        {
            var field = $"{path}[{q}]";
            if (queries[q] is not { } query) { errors.Add(field, "must be an object with query and condition"); continue; }
            if (query.Name is { } name && (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl)))
                errors.Add($"{field}.name", $"must be 1-{MaxNameLength} characters without control characters");
            var fleet = query.Scope == "fleet";
            if (query.Scope is not (null or "node" or "fleet")) errors.Add($"{field}.scope", $"{Echo.Quote(query.Scope)} is not one of: node, fleet");
            ValidateQuery(query.Query, fleet, $"{field}.query", errors);
            if (QueryCondition.TryParse(query.Condition, out var problem) is null) errors.Add($"{field}.condition", query.Condition is null ? "is required, e.g. \"< 0.5\"" : problem!);
            RolloutRequestValidator.Range(query.Count, 1, MaxCount, $"{field}.count", errors);
            RolloutRequestValidator.Range(query.FailureLimit, 0, MaxLimit, $"{field}.failureLimit", errors);
            RolloutRequestValidator.Range(query.InconclusiveLimit, 0, MaxLimit, $"{field}.inconclusiveLimit", errors);
        }
    }

    private static void ValidateQuery(string? query, bool fleet, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(query)) { errors.Add(field, "is required: a PromQL instant query, e.g. sum(rate(http_requests_total{code=~\"5..\",node=\"{{name}}\"}[1m]))"); return; }
        if (query.Length > MaxQueryLength) { errors.Add(field, $"is {query.Length} characters, more than {MaxQueryLength}"); return; }
        if (ActionTemplate.Validate(query, field) is { } placeholder) { errors.Add(placeholder); return; }
        if (fleet && ActionTemplate.HasPlaceholders(query)) { errors.Add(field, "a fleet-scoped query runs once, for no node: it cannot hold {{...}} placeholders (use scope \"node\")"); return; }
        if (PromQlShape.Problem(ActionTemplate.RenderSample(query, TemplateEncoding.PromQl)) is { } shape) errors.Add(field, shape);
    }
}
