using System.Text.Json;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// The rollout orchestration's input: settings and counts, never the nodes. The nodes are in blob storage
/// (<see cref="RolloutStore"/>); activities read the ones they work on by index range.
/// </summary>
public sealed record RolloutInput(
    string RunId,
    string Name,
    int NodeCount,
    string LockKey,
    ActionSpec Action,
    int Concurrency,
    RolloutGate? Gate,
    RolloutBudgets Budgets,
    ApprovalMode Approval,
    int ApprovalTimeoutSeconds,
    bool Preflight)
{
    /// <summary>The stored inventory the nodes came from, if any (also what the lock is named after).</summary>
    public string? Inventory { get; init; }

    /// <summary>The wave settings as requested: sizes are computed once the nodes are known (after a pre-flight).</summary>
    public List<JsonElement>? Waves { get; init; }
    public int? Canary { get; init; }
    public int? BatchSize { get; init; }
    public ActionSpec? Rollback { get; init; }
    public ProbeOptions Probe { get; init; } = new();

    public const int DefaultConcurrency = 10;
    public const int DefaultPasses = 1, DefaultIntervalSeconds = 5, DefaultDeadlineSeconds = 300;
    public const int DefaultApprovalTimeoutSeconds = 3600;

    /// <summary>Nodes per <see cref="ActionBatchActivity"/> call: enough to keep <c>concurrency</c> busy, few enough to check for cancel often.</summary>
    public static int ChunkSize(int concurrency) => Math.Max(1, concurrency) * 4;
}

/// <summary>The health gate with its defaults filled in.</summary>
public sealed record RolloutGate(List<CheckSpec> Checks, int Passes, int IntervalSeconds, int DeadlineSeconds);

/// <summary>A budget in orchestration payloads (<see cref="ErrorBudget"/> itself has no public constructor).</summary>
public sealed record BudgetValue(int Value, bool Percent)
{
    public static BudgetValue From(ErrorBudget budget) => new(budget.Value, budget.IsPercent);
    public ErrorBudget ToBudget() => Percent ? ErrorBudget.Percent(Value) : ErrorBudget.Count(Value);
    public override string ToString() => ToBudget().ToString();
}

public sealed record RolloutBudgets(BudgetValue ActionFailures, BudgetValue GateFailures, BudgetAction OnExceeded);

/// <summary>Where a rollout stands: its custom status while it runs, and part of its output at the end.</summary>
public sealed record RolloutProgress(
    RolloutState State,
    int Wave,
    int Waves,
    int NodesTotal,
    int NodesDone,
    int NodesFailed,
    int GateFailures,
    string? WaitingFor)
{
    public int Concurrency { get; init; }
    public string? ActionBudget { get; init; }
    public string? GateBudget { get; init; }
    public int Excluded { get; init; }
    public int RolledBack { get; init; }
    public string? Reason { get; init; }
    public List<int>? WaveSizes { get; init; }
}

/// <summary>One thing that happened to a rollout, timed by the orchestration's clock (or by the API for pause/resume).</summary>
public sealed record TimelineEntry(DateTime At, string Event, int? Wave = null, string? Detail = null, string? By = null);

/// <summary>The orchestration's output: the final progress, why it stopped, and everything that happened.</summary>
public sealed record RolloutOutcome(RolloutProgress Progress, List<TimelineEntry> Timeline)
{
    /// <summary>Nodes a pre-flight left out (the first <see cref="RolloutStore.SampleNames"/>).</summary>
    public List<string>? ExcludedNodes { get; init; }
}

// ---- activity payloads ----

/// <summary>Which node list an activity reads: every resolved node, or the ones a pre-flight found healthy.</summary>
public static class NodeLists
{
    public const string All = "nodes", Eligible = "eligible";
}

/// <param name="Rollback">Runs the rollback action, only on nodes the action was sent to, with key <c>{runId}/{node}/rollback</c>.</param>
public sealed record ActionBatchInput(string RunId, string NodeList, int From, int Count, int Wave, ActionSpec Action, int Concurrency, bool Rollback);

/// <param name="FailedNodes">Every node of the chunk whose action failed (a halting budget keeps this short).</param>
public sealed record ActionBatchOutcome(int Ok, int Failed, int Skipped, List<string> FailedNodes);

/// <param name="Skip">Nodes of the range whose action failed: they are not gated.</param>
public sealed record GateRoundInput(string RunId, string NodeList, int From, int Count, int Wave, int Round, List<string> Skip, List<CheckSpec> Checks, ProbeOptions Probe);

public sealed record GateRoundOutcome(int Probed, List<string> Failed);

public sealed record PreflightInput(string RunId, List<CheckSpec> Checks, ProbeOptions Probe);

public sealed record PreflightOutcome(int Eligible, int ExcludedCount, List<string> Excluded);

public sealed record ReleaseLockInput(string LockKey, string RunId);

// ---- blobs ----

/// <summary>A node's action (or rollback) result as stored: written once, returned as is to a redelivered activity.</summary>
public sealed record StoredAction(int Wave, NodeActionResult Result, DateTimeOffset At);

public sealed record GateRow(string Node, bool Ok, double LatencyMs, string? Error);

// ---- control events (raised by the API, read by the orchestrator) ----

public static class RolloutEvents
{
    public const string Approval = "approval", Cancel = "cancel", Retune = "retune", Paused = "paused", Resumed = "resumed";
}

/// <param name="Wave">The 1-based wave the person approved (a stale decision for another wave is ignored).</param>
public sealed record ApprovalDecision(bool Approved, string? By, string? Reason, int Wave, DateTimeOffset At);

public sealed record ControlNote(string? By, string? Reason, DateTimeOffset At);

/// <summary>Body of POST /api/runs/{id}/retune: applied from the next wave.</summary>
public sealed record RetuneRequest
{
    public int? Concurrency { get; init; }
    public BudgetSpec? Budgets { get; init; }
    public string? By { get; init; }
}

/// <summary>Body of approve, reject, pause, resume and cancel: who, and why (both optional).</summary>
public sealed record ControlBody
{
    public string? By { get; init; }
    public string? Reason { get; init; }
}
