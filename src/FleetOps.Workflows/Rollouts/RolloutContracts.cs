using System.Text.Json;
using FleetOps.Core.Checks;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Rollouts.Analysis;
using FleetOps.Core.Targets;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// The rollout orchestration's input: settings and counts, never the nodes. The nodes are in blob storage
/// (<see cref="RolloutStore"/>); activities read the ones they work on by index range. A continued execution
/// (<see cref="RolloutOrchestrator"/> continues as new after every wave and every <see cref="StepsPerExecution"/>
/// steps) gets the same settings and its state in <see cref="Carry"/>.
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

    /// <summary>Stored notifiers told of waiting-approval, halted, rolled-back, cancelled and completed.</summary>
    public List<string>? Notifiers { get; init; }

    /// <summary>Where a continued execution picks up; null on the first.</summary>
    public RolloutCarry? Carry { get; init; }

    /// <summary>Activity calls, timers and events one execution handles before it continues as new (its history stays small).</summary>
    public int StepsPerExecution { get; init; } = DefaultStepsPerExecution;

    public const int DefaultConcurrency = 10;
    public const int DefaultPasses = 1, DefaultIntervalSeconds = 5, DefaultDeadlineSeconds = 300;
    public const int DefaultApprovalTimeoutSeconds = 3600;
    public const int DefaultStepsPerExecution = 24;

    /// <summary>Nodes per <see cref="ActionBatchActivity"/> call: enough to keep <c>concurrency</c> busy, few enough to check for cancel often.</summary>
    public static int ChunkSize(int concurrency) => Math.Max(1, concurrency) * 4;
}

/// <summary>The health gate with its defaults filled in.</summary>
public sealed record RolloutGate(List<CheckSpec> Checks, int Passes, int IntervalSeconds, int DeadlineSeconds)
{
    /// <summary>Prometheus queries measured after the checks pass (<see cref="AnalysisActivity"/>); null or empty: none.</summary>
    public List<PrometheusQuery>? Prometheus { get; init; }
}

/// <summary>Which step a rollout is at; a continued execution starts there.</summary>
public enum RolloutStep { Begin, WaveStart, Approval, Actions, Gate, WaveDone, Rollback, Done, Analysis }

/// <summary>
/// A rollout's state between executions: counters, the budgets in force, where it is, what is pending. Its size does
/// not grow with the fleet, the waves or the gate's rounds: per-node data lives in blobs, and the timeline entries not
/// yet written are at most <see cref="MaxPendingTimeline"/>.
/// </summary>
public sealed record RolloutCarry
{
    public const int MaxPendingTimeline = 64;

    public RolloutStep Step { get; init; }
    public RolloutState State { get; init; }
    public string? Reason { get; init; }
    public string NodeList { get; init; } = NodeLists.All;
    public int Excluded { get; init; }
    public List<string>? ExcludedSample { get; init; }
    public BudgetLedger Ledger { get; init; } = new();

    /// <summary>The current wave (0-based) and the index of its first node.</summary>
    public int Wave { get; init; }
    public int WaveStart { get; init; }

    /// <summary>Actions: nodes of the wave sent so far. Rollback: nodes rolled back so far.</summary>
    public int Offset { get; init; }
    public int WaveOk { get; init; }
    public int WaveFailed { get; init; }
    public List<string> WaveFailedSample { get; init; } = [];

    public int GateRound { get; init; }

    /// <summary>The wave's Prometheus analysis: one tally per query, and why it holds the rollout for a person (inconclusive), if it does.</summary>
    public List<QueryTally>? Analysis { get; init; }
    public string? AnalysisHeld { get; init; }
    public DateTime? GateDeadline { get; init; }
    public DateTime? ApprovalDeadline { get; init; }

    public int RollbackEnd { get; init; }
    public int RolledBack { get; init; }
    public int RollbackFailed { get; init; }

    public RetuneRequest? PendingRetune { get; init; }
    public ControlNote? Cancel { get; init; }

    /// <summary>The next timeline blob's number, and the entries not written yet.</summary>
    public int TimelineSegment { get; init; }
    public List<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>Rollout events not handed to the notifiers yet (at most one or two: they are handed over after each step).</summary>
    public List<Core.Notifiers.RolloutNotice> Notices { get; init; } = [];
}

/// <summary>Where a rollout stands: its custom status while it runs, and its output at the end. Small whatever the fleet.</summary>
public sealed record RolloutProgress(
    RolloutState State,
    int Wave,
    int Waves,
    int NodesTotal,
    int NodesDone,
    int NodesFailed,
    int GateFailures,
    RolloutPhase? WaitingFor)
{
    /// <summary>Wave sizes shown: the first ones (the plan is computed again from the request where all are needed).</summary>
    public const int ShownWaveSizes = 100;

    public int Concurrency { get; init; }
    public string? ActionBudget { get; init; }
    public string? GateBudget { get; init; }
    public int Excluded { get; init; }
    public int RolledBack { get; init; }
    public string? Reason { get; init; }
    public List<int>? WaveSizes { get; init; }
}

/// <summary>The orchestration's output: the final progress. The timeline is in blobs (<see cref="RolloutStore"/>).</summary>
public sealed record RolloutOutcome(RolloutProgress Progress)
{
    /// <summary>Nodes a pre-flight left out (the first <see cref="RolloutStore.SampleNames"/>).</summary>
    public List<string>? ExcludedNodes { get; init; }

    /// <summary>Written by versions that kept the timeline in the output; read for their runs.</summary>
    public List<TimelineEntry>? Timeline { get; init; }
}

// ---- activity payloads ----

/// <summary>Which node list an activity reads: every resolved node, or the ones a pre-flight found healthy.</summary>
public static class NodeLists
{
    public const string All = "nodes", Eligible = "eligible";
}

/// <param name="Rollback">Runs the rollback action, only on nodes the action was sent to, with key <c>{runId}/{node}/rollback</c>.</param>
public sealed record ActionBatchInput(string RunId, string NodeList, int From, int Count, int Wave, ActionSpec Action, int Concurrency, bool Rollback);

/// <param name="FailedSample">The first failed nodes of the chunk (at most <see cref="TimelineText.ShownNames"/>).</param>
/// <param name="NotStarted">Nodes not started because the rollout was paused or cancelled meanwhile (<see cref="StoppedBy"/>).</param>
public sealed record ActionBatchOutcome(int Ok, int Failed, int Skipped, List<string> FailedSample)
{
    public int NotStarted { get; init; }
    public RolloutStop? StoppedBy { get; init; }
}

public sealed record GateRoundInput(string RunId, string NodeList, int From, int Count, int Wave, int Round, int Passes, List<CheckSpec> Checks, ProbeOptions Probe);

/// <param name="Gated">Nodes gated (the wave's nodes whose action succeeded).</param>
/// <param name="Pending">Of those, the ones not healthy <c>passes</c> times in a row yet; <paramref name="PendingSample"/> names the first.</param>
public sealed record GateRoundOutcome(int Gated, int Pending, List<string> PendingSample);

public sealed record AnalysisInput(string RunId, string NodeList, int From, int Count, int Wave, List<PrometheusQuery> Queries, List<int> Due);

/// <param name="Gated">Nodes a node-scoped query was measured on (the wave's nodes whose action succeeded).</param>
public sealed record AnalysisOutcome(int Gated, List<QueryMeasurement> Measurements);

public sealed record PreflightInput(string RunId, List<CheckSpec> Checks, ProbeOptions Probe);

public sealed record PreflightOutcome(int Eligible, int ExcludedCount, List<string> Excluded);

public sealed record ReleaseLockInput(string LockKey, string RunId);

public sealed record TimelineInput(string RunId, int Segment, List<TimelineEntry> Entries);

public sealed record StopSignalInput(string RunId, RolloutStop Stop);

public sealed record RolloutNoticeInput(string RunId, List<string> Notifiers, List<Core.Notifiers.RolloutNotice> Notices);

// ---- blobs ----

/// <summary>A node's action (or rollback) result as stored: one line of a chunk's journal, returned as is to a redelivered activity.</summary>
public sealed record StoredAction(int Wave, NodeActionResult Result, DateTimeOffset At);

public sealed record GateRow(string Node, bool Ok, double LatencyMs, string? Error);

/// <summary>A wave's gate: the rounds recorded and each gated node's record (<c>gate/{wave}.json</c>).</summary>
public sealed record GateState(int Round, int Passes, List<GateNode> Nodes);

/// <summary>Why an action activity stops starting nodes: the rollout was paused or cancelled.</summary>
public enum RolloutStop { None, Paused, Cancelled }

/// <summary>The control flag actions look at between nodes (<c>control.json</c>), written by the API and the orchestrator.</summary>
public sealed record ControlFlag(RolloutStop Stop, DateTimeOffset At);
