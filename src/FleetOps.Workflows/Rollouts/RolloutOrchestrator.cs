using FleetOps.Core.Rollouts;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// A rolling operation: an optional pre-flight, then wave by wave an optional approval, the action on the wave's
/// nodes in chunks (<see cref="ActionBatchActivity"/>), and the health gate (<see cref="GateActivity"/> every
/// interval until each node passed K times in a row, or the deadline). Failures are counted against the error
/// budgets over all selected nodes; exceeding one halts, or rolls back every node already touched. Cancel and retune
/// arrive as external events and are looked at between chunks and between waves; pause and resume are the engine's
/// suspend and resume. The inventory's lock is released however the rollout ends.
/// </summary>
public sealed class RolloutOrchestrator : TaskOrchestrator<RolloutInput, RolloutOutcome>
{
    public const string Name = nameof(RolloutOrchestrator);

    public override async Task<RolloutOutcome> RunAsync(TaskOrchestrationContext context, RolloutInput input)
    {
        var run = new RolloutRun(context, input);
        try
        {
            await run.ExecuteAsync();
        }
        finally
        {
            await context.CallActivityAsync<bool>(ReleaseLockActivity.Name, new ReleaseLockInput(input.LockKey, input.RunId), BatchFanOut.BatchRetry);
        }
        return run.Finish();
    }
}

/// <summary>One rollout's state while the orchestrator runs it. Everything here is replayed: no clocks but the context's.</summary>
internal sealed class RolloutRun
{
    private const int ShownNames = 20;
    private const int MaxDecisions = 100;

    private readonly TaskOrchestrationContext _context;
    private readonly RolloutInput _input;
    private readonly List<TimelineEntry> _timeline = [];

    // Control events: each waiter is started once and looked at with IsCompleted, so an event that arrives while
    // activities run is kept (the SDK buffers it) and acted on at the next checkpoint, deterministically on replay.
    private readonly Task<ControlNote> _cancel;
    private Task<RetuneRequest> _retune;
    private Task<ControlNote> _paused, _resumed;
    private Task<ApprovalDecision>? _approval;

    private RolloutState _state = RolloutState.Running;
    private string _nodeList = NodeLists.All;
    private int _selected, _wave, _waves, _done, _failed, _gateFailures, _excluded, _rolledBack;
    private string? _waitingFor, _reason;
    private List<int> _sizes = [];
    private List<string>? _excludedNodes;
    private int _concurrency;
    private BudgetValue _actionBudget, _gateBudget;
    private BudgetAction _onExceeded;
    private RetuneRequest? _pendingRetune;
    private bool _cancelLogged;

    public RolloutRun(TaskOrchestrationContext context, RolloutInput input)
    {
        _context = context;
        _input = input;
        _selected = input.NodeCount;
        _concurrency = input.Concurrency;
        (_actionBudget, _gateBudget, _onExceeded) = (input.Budgets.ActionFailures, input.Budgets.GateFailures, input.Budgets.OnExceeded);
        _cancel = context.WaitForExternalEvent<ControlNote>(RolloutEvents.Cancel);
        _retune = context.WaitForExternalEvent<RetuneRequest>(RolloutEvents.Retune);
        _paused = context.WaitForExternalEvent<ControlNote>(RolloutEvents.Paused);
        _resumed = context.WaitForExternalEvent<ControlNote>(RolloutEvents.Resumed);
    }

    private DateTime Now => _context.CurrentUtcDateTime;
    private bool CancelRequested => _cancel.IsCompleted;

    public async Task ExecuteAsync()
    {
        Log("started", detail: $"{_input.NodeCount} nodes; action {_input.Action.Method ?? ActionLimits.DefaultMethod} {_input.Action.Url}; " +
            $"concurrency {_concurrency}; budgets: action failures {_actionBudget}, gate failures {_gateBudget}, on exceeded {Wire(_onExceeded)}");
        Publish();

        if (_input.Preflight && _input.Gate is { } preflightGate)
        {
            _waitingFor = "preflight";
            Publish();
            var preflight = await _context.CallActivityAsync<PreflightOutcome>(PreflightActivity.Name,
                new PreflightInput(_input.RunId, preflightGate.Checks, _input.Probe), BatchFanOut.BatchRetry);
            (_nodeList, _selected, _excluded, _excludedNodes) = (NodeLists.Eligible, preflight.Eligible, preflight.ExcludedCount, preflight.Excluded);
            Log("preflight", detail: $"{preflight.Eligible} healthy; {preflight.ExcludedCount} left out" + Names(preflight.Excluded, preflight.ExcludedCount));
            if (preflight.Eligible == 0)
            {
                Stop(RolloutState.Halted, $"pre-flight: none of the {_input.NodeCount} nodes is healthy");
                return;
            }
        }

        _sizes = [.. WavePlan.Compute(_selected, _input.Waves, _input.Canary, _input.BatchSize)];
        _waves = _sizes.Count;
        Log("planned", detail: $"{_waves} waves: {string.Join(", ", _sizes)}");

        var start = 0;
        for (var w = 0; w < _sizes.Count; w++)
        {
            _wave = w + 1;
            var size = _sizes[w];
            Checkpoint();
            ApplyRetune();
            if (CancelRequested) { Cancelled(); return; }

            if (NeedsApproval(w) && !await ApproveAsync(w)) return;

            Log("wave-started", _wave, $"{size} nodes (#{start + 1}-#{start + size}), concurrency {_concurrency}");
            var (actionsOk, failedNodes) = await RunActionsAsync(w, start, size);
            if (!actionsOk)
            {
                if (_reason is not null) { await ExceededAsync(start + size); return; }
                Cancelled();
                return;
            }

            if (_input.Gate is { } gate)
            {
                var gateFailures = await GateAsync(w, start, size, failedNodes, gate);
                if (gateFailures is null) { Cancelled(); return; }
                _gateFailures += gateFailures.Value;
                Publish();
                if (_gateBudget.ToBudget().IsExceeded(_gateFailures, _selected))
                {
                    _reason = $"gate failures: {_gateFailures} of {_selected} nodes is more than the budget of {_gateBudget} ({_gateBudget.ToBudget().Allowed(_selected)} allowed)";
                    await ExceededAsync(start + size);
                    return;
                }
            }
            Log("wave-done", _wave, $"{_done} nodes done, {_failed} failed, {_gateFailures} gate failures so far");
            start += size;
        }
        Checkpoint();
        Stop(RolloutState.Completed, null);
    }

    public RolloutOutcome Finish()
    {
        Publish();
        return new RolloutOutcome(Progress(), _timeline) { ExcludedNodes = _excludedNodes };
    }

    private bool NeedsApproval(int w) => _input.Approval switch
    {
        ApprovalMode.BeforeFirst => w == 0,
        ApprovalMode.AfterCanary => w == 1,
        ApprovalMode.EveryWave => true,
        _ => false,
    };

    /// <summary>Waits for a person: true when approved; false (and the run stopped) on reject, timeout or cancel.</summary>
    private async Task<bool> ApproveAsync(int w)
    {
        _state = RolloutState.WaitingApproval;
        _waitingFor = "approval";
        var deadline = Now.AddSeconds(_input.ApprovalTimeoutSeconds);
        Log("approval-requested", _wave, $"before wave {_wave}; times out at {deadline:O}");
        Publish();
        using var timerCancel = new CancellationTokenSource();
        var timer = _context.CreateTimer(deadline, timerCancel.Token);
        // Bounded: each turn takes one decision; stale ones (for another wave) are few.
        for (var turn = 0; turn < MaxDecisions; turn++)
        {
            _approval ??= _context.WaitForExternalEvent<ApprovalDecision>(RolloutEvents.Approval);
            var winner = await Task.WhenAny(_approval, timer, _cancel);
            if (winner == _cancel)
            {
                timerCancel.Cancel();
                Cancelled();
                return false;
            }
            if (winner == timer)
            {
                Log("approval-timed-out", _wave, $"no decision within {_input.ApprovalTimeoutSeconds} s");
                Stop(RolloutState.Halted, $"approval for wave {_wave} timed out after {_input.ApprovalTimeoutSeconds} s");
                return false;
            }
            var decision = await _approval;
            _approval = null;
            if (decision.Wave != _wave)
            {
                Log("approval-ignored", _wave, $"a decision for wave {decision.Wave} arrived while wave {_wave} waits", decision.By);
                continue;
            }
            timerCancel.Cancel();
            if (!decision.Approved)
            {
                Log("rejected", _wave, decision.Reason, decision.By);
                Stop(RolloutState.Halted, $"wave {_wave} rejected by {decision.By ?? "someone"}{(decision.Reason is null ? "" : $": {decision.Reason}")}");
                return false;
            }
            Log("approved", _wave, decision.Reason, decision.By);
            _state = RolloutState.Running;
            _waitingFor = null;
            Publish();
            return true;
        }
        timerCancel.Cancel();
        Stop(RolloutState.Halted, $"wave {_wave}: {MaxDecisions} decisions for other waves; approve this one again");
        return false;
    }

    /// <summary>The wave's action, chunk by chunk. False when it stopped early: a budget exceeded (<see cref="_reason"/> set) or a cancel.</summary>
    private async Task<(bool Ok, List<string> FailedNodes)> RunActionsAsync(int w, int start, int size)
    {
        var failedNodes = new List<string>();
        var concurrency = _concurrency;
        var chunk = RolloutInput.ChunkSize(concurrency);
        _waitingFor = "actions";
        Publish();
        for (var offset = 0; offset < size; offset += chunk)
        {
            var count = Math.Min(chunk, size - offset);
            var outcome = await _context.CallActivityAsync<ActionBatchOutcome>(ActionBatchActivity.Name,
                new ActionBatchInput(_input.RunId, _nodeList, start + offset, count, w, _input.Action, concurrency, Rollback: false), BatchFanOut.BatchRetry);
            _done += outcome.Ok;
            _failed += outcome.Failed;
            failedNodes.AddRange(outcome.FailedNodes);
            Publish();
            if (_actionBudget.ToBudget().IsExceeded(_failed, _selected))
            {
                Log("actions-failed", _wave, $"{outcome.Failed} failed in nodes #{start + offset + 1}-#{start + offset + count}" + Names(outcome.FailedNodes, outcome.Failed));
                _reason = $"action failures: {_failed} of {_selected} nodes is more than the budget of {_actionBudget} ({_actionBudget.ToBudget().Allowed(_selected)} allowed)";
                return (false, failedNodes);
            }
            Checkpoint();
            if (CancelRequested) return (false, failedNodes);
        }
        Log("actions-done", _wave, $"{size - failedNodes.Count} ok, {failedNodes.Count} failed" + Names(failedNodes, failedNodes.Count));
        return (true, failedNodes);
    }

    /// <summary>Probes the wave until every node passed K rounds in a row, or the deadline. The failures, or null on cancel.</summary>
    private async Task<int?> GateAsync(int w, int start, int size, List<string> skip, RolloutGate gate)
    {
        _waitingFor = "gate";
        Publish();
        var deadline = Now.AddSeconds(gate.DeadlineSeconds);
        var lastFailed = new Dictionary<string, int>(StringComparer.Ordinal);
        // Bounded by the deadline: one round per interval, plus the first.
        var maxRounds = gate.DeadlineSeconds / Math.Max(1, gate.IntervalSeconds) + 1;
        var (rounds, probed) = (0, 0);
        List<string> notYet = [];
        var neverFailedShort = 0;
        while (rounds < maxRounds)
        {
            var round = await _context.CallActivityAsync<GateRoundOutcome>(GateActivity.Name,
                new GateRoundInput(_input.RunId, _nodeList, start, size, w, rounds, skip, gate.Checks, _input.Probe), BatchFanOut.BatchRetry);
            probed = round.Probed;
            foreach (var node in round.Failed) lastFailed[node] = rounds;
            rounds++;
            // A node has passed when its last K rounds did; rounds are in step for the whole wave.
            var roundsSoFar = rounds;
            notYet = lastFailed.Where(kv => roundsSoFar - 1 - kv.Value < gate.Passes).Select(kv => kv.Key).ToList();
            neverFailedShort = rounds < gate.Passes ? probed - lastFailed.Count : 0;
            if (notYet.Count == 0 && neverFailedShort == 0)
            {
                Log("gate-passed", _wave, $"{probed} nodes healthy {gate.Passes} time(s) in a row after {rounds} round(s)");
                return 0;
            }
            Checkpoint();
            if (CancelRequested) return null;
            var next = Now.AddSeconds(gate.IntervalSeconds);
            if (next > deadline) break;
            await _context.CreateTimer(next, CancellationToken.None);
        }
        var failures = notYet.Count + neverFailedShort;
        notYet.Sort(StringComparer.Ordinal);
        Log("gate-failed", _wave, $"{failures} of {probed} nodes not healthy {gate.Passes} time(s) in a row within {gate.DeadlineSeconds} s" + Names(notYet, notYet.Count));
        return failures;
    }

    /// <summary>A budget is exceeded (<see cref="_reason"/>): halt, or undo the action on every node it touched (all are below <paramref name="end"/>).</summary>
    private async Task ExceededAsync(int end)
    {
        Log("budget-exceeded", _wave, _reason);
        if (_onExceeded != BudgetAction.Rollback || _input.Rollback is not { } rollback)
        {
            Stop(RolloutState.Halted, _reason);
            return;
        }
        _waitingFor = "rollback";
        Publish();
        Log("rollback-started", _wave, $"nodes #1-#{end} that the action was sent to");
        var chunk = RolloutInput.ChunkSize(_concurrency);
        var (ok, failed) = (0, 0);
        var failedNodes = new List<string>();
        for (var offset = 0; offset < end; offset += chunk)
        {
            var outcome = await _context.CallActivityAsync<ActionBatchOutcome>(ActionBatchActivity.Name,
                new ActionBatchInput(_input.RunId, _nodeList, offset, Math.Min(chunk, end - offset), _wave - 1, rollback, _concurrency, Rollback: true), BatchFanOut.BatchRetry);
            (ok, failed) = (ok + outcome.Ok, failed + outcome.Failed);
            failedNodes.AddRange(outcome.FailedNodes);
            _rolledBack = ok;
            Publish();
        }
        Log("rollback-done", _wave, $"{ok} nodes rolled back, {failed} failed" + Names(failedNodes, failed));
        Stop(RolloutState.RolledBack, _reason + (failed > 0 ? $"; the rollback failed on {failed} nodes" : ""));
    }

    /// <summary>Records retunes, pause/resume notes and a cancel that arrived since the last look.</summary>
    private void Checkpoint()
    {
        while (_retune.IsCompleted)
        {
            var retune = _retune.Result;
            _pendingRetune = _pendingRetune is null ? retune : new RetuneRequest
            {
                Concurrency = retune.Concurrency ?? _pendingRetune.Concurrency,
                Budgets = Merge(_pendingRetune.Budgets, retune.Budgets),
                By = retune.By,
            };
            Log("retune-received", _wave, Describe(retune) + "; applies from the next wave", retune.By);
            _retune = _context.WaitForExternalEvent<RetuneRequest>(RolloutEvents.Retune);
        }
        while (_paused.IsCompleted)
        {
            var note = _paused.Result;
            _timeline.Add(new TimelineEntry(note.At.UtcDateTime, "paused", _wave == 0 ? null : _wave, note.Reason, note.By));
            _paused = _context.WaitForExternalEvent<ControlNote>(RolloutEvents.Paused);
        }
        while (_resumed.IsCompleted)
        {
            var note = _resumed.Result;
            _timeline.Add(new TimelineEntry(note.At.UtcDateTime, "resumed", _wave == 0 ? null : _wave, note.Reason, note.By));
            _resumed = _context.WaitForExternalEvent<ControlNote>(RolloutEvents.Resumed);
        }
        if (CancelRequested && !_cancelLogged)
        {
            _cancelLogged = true;
            var note = _cancel.Result;
            Log("cancel-requested", _wave == 0 ? null : _wave, note.Reason ?? "no new nodes will be started", note.By);
        }
    }

    /// <summary>A retune takes effect at a wave's start, so each wave runs with one concurrency and one set of budgets.</summary>
    private void ApplyRetune()
    {
        if (_pendingRetune is not { } retune) return;
        _pendingRetune = null;
        if (retune.Concurrency is { } c) _concurrency = c;
        if (retune.Budgets is { } b)
        {
            if (ErrorBudget.TryParse(b.ActionFailures, "budgets.actionFailures", out var action, out _) && b.ActionFailures is { ValueKind: not System.Text.Json.JsonValueKind.Null })
                _actionBudget = BudgetValue.From(action);
            if (ErrorBudget.TryParse(b.GateFailures, "budgets.gateFailures", out var gate, out _) && b.GateFailures is { ValueKind: not System.Text.Json.JsonValueKind.Null })
                _gateBudget = BudgetValue.From(gate);
            if (b.OnExceeded is { } on && RolloutModes.BudgetActions.TryGetValue(on, out var onExceeded)) _onExceeded = onExceeded;
        }
        Log("retuned", _wave, $"concurrency {_concurrency}; budgets: action failures {_actionBudget}, gate failures {_gateBudget}, on exceeded {Wire(_onExceeded)}", retune.By);
    }

    private static BudgetSpec? Merge(BudgetSpec? earlier, BudgetSpec? later) =>
        earlier is null ? later : later is null ? earlier : new BudgetSpec
        {
            ActionFailures = later.ActionFailures ?? earlier.ActionFailures,
            GateFailures = later.GateFailures ?? earlier.GateFailures,
            OnExceeded = later.OnExceeded ?? earlier.OnExceeded,
        };

    private static string Describe(RetuneRequest r)
    {
        var parts = new List<string>();
        if (r.Concurrency is { } c) parts.Add($"concurrency {c}");
        if (r.Budgets?.ActionFailures is { } a) parts.Add($"action failures {a}");
        if (r.Budgets?.GateFailures is { } g) parts.Add($"gate failures {g}");
        if (r.Budgets?.OnExceeded is { } o) parts.Add($"on exceeded {o}");
        return parts.Count == 0 ? "nothing to change" : string.Join(", ", parts);
    }

    private void Cancelled()
    {
        Checkpoint();
        Stop(RolloutState.Cancelled, $"cancelled by {_cancel.Result.By ?? "request"}{(_cancel.Result.Reason is { } r ? $": {r}" : "")}");
    }

    private void Stop(RolloutState state, string? reason)
    {
        _state = state;
        _reason = reason;
        _waitingFor = null;
        Log(Wire(state), _wave == 0 ? null : _wave, reason);
        Publish();
    }

    private void Log(string what, int? wave = null, string? detail = null, string? by = null) =>
        _timeline.Add(new TimelineEntry(Now, what, wave, detail, by));

    private void Publish() => _context.SetCustomStatus(Progress());

    private RolloutProgress Progress() => new(_state, _wave, _waves, _selected, _done, _failed, _gateFailures, _waitingFor)
    {
        Concurrency = _concurrency,
        ActionBudget = _actionBudget.ToString(),
        GateBudget = _input.Gate is null ? null : _gateBudget.ToString(),
        Excluded = _excluded,
        RolledBack = _rolledBack,
        Reason = _reason,
        WaveSizes = _sizes.Count == 0 ? null : _sizes,
    };

    private static string Names(List<string> names, int total) =>
        names.Count == 0 ? "" : $": {string.Join(", ", names.Take(ShownNames))}{(total > ShownNames ? $" and {total - ShownNames} more" : "")}";

    private static string Wire(RolloutState state) => state switch
    {
        RolloutState.WaitingApproval => "waiting-approval",
        RolloutState.RolledBack => "rolled-back",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string Wire(BudgetAction action) => action == BudgetAction.Rollback ? "rollback" : "halt";
}
