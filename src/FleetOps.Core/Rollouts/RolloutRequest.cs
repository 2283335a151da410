using System.Text.Json;
using FleetOps.Core.Contracts;
using FleetOps.Core.Checks;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// Body of <c>POST /api/rollouts</c> and of a <c>rollout-requests</c> queue message: an HTTP action on every selected
/// node, in waves, with a health gate after each wave, error budgets and optional approvals.
/// </summary>
public sealed record RolloutRequest
{
    public string? RequestId { get; init; }
    public string? Name { get; init; }

    /// <summary>A stored inventory's name (PUT /api/inventories/{name}); or give <see cref="Targets"/> inline.</summary>
    public string? Inventory { get; init; }
    public List<TargetSpec>? Targets { get; init; }
    public string? Selector { get; init; }

    public ActionSpec? Action { get; init; }

    /// <summary>Wave sizes as in Ansible's <c>serial</c>: numbers or percentages ("20%"); the last size repeats.</summary>
    public List<JsonElement>? Waves { get; init; }
    /// <summary>Alternative to <see cref="Waves"/>: a canary wave of this many nodes, then waves of <see cref="BatchSize"/>.</summary>
    public int? Canary { get; init; }
    public int? BatchSize { get; init; }
    /// <summary>Actions in flight at once inside a wave.</summary>
    public int? Concurrency { get; init; }

    public GateSpec? Gate { get; init; }
    public BudgetSpec? Budgets { get; init; }
    public ApprovalSpec? Approval { get; init; }
    public ActionSpec? Rollback { get; init; }

    /// <summary>Sweep the gate's checks first and leave out nodes that are already unhealthy.</summary>
    public bool? Preflight { get; init; }

    /// <summary>
    /// Stored notifiers (PUT /api/notifiers/{name}) told when the rollout waits for approval, halts, rolls back, is
    /// cancelled or completes, with the reason.
    /// </summary>
    public List<string>? Notifiers { get; init; }
}

/// <summary>The request made on each node. Templates: {{host}}, {{port}}, {{name}}, {{address}}, {{labels.x}}.</summary>
public sealed record ActionSpec
{
    public string? Method { get; init; }
    public string? Url { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public string? Body { get; init; }
    public List<int>? ExpectStatus { get; init; }
    public int? TimeoutMs { get; init; }
    /// <summary>Retries of transient failures (connect errors, timeouts, 5xx, 429).</summary>
    public int? Retries { get; init; }
}

/// <summary>After each wave: the checks must pass <see cref="Passes"/> times in a row on every wave node before the deadline.</summary>
public sealed record GateSpec
{
    public List<CheckSpec>? Checks { get; init; }
    public int? Passes { get; init; }
    public int? IntervalSeconds { get; init; }
    public int? DeadlineSeconds { get; init; }

    /// <summary>Queries against the configured Prometheus (FleetOps:Prometheus:Url), measured after the checks pass.</summary>
    public List<Analysis.PrometheusQuerySpec?>? Prometheus { get; init; }
}

/// <summary>Error budgets, each a count ("3") or a percentage of the selected nodes ("10%"); exceeded when failures go above it.</summary>
public sealed record BudgetSpec
{
    public JsonElement? ActionFailures { get; init; }
    public JsonElement? GateFailures { get; init; }
    /// <summary>"halt" (default) or "rollback".</summary>
    public string? OnExceeded { get; init; }
}

/// <summary>Where to wait for a person: "none" (default), "before-first", "after-canary", "every-wave".</summary>
public sealed record ApprovalSpec
{
    public string? Mode { get; init; }
    public int? TimeoutSeconds { get; init; }
}
