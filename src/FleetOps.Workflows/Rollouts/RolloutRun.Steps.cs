using FleetOps.Core.Rollouts;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>The steps, each a small move of <see cref="RolloutCarry"/>; a continued execution starts at the step it left.</summary>
internal sealed partial class RolloutRun
{
    /// <summary>How long a chunk that stopped for a pause waits before it is run again (the engine holds the run until resumed).</summary>
    private static readonly TimeSpan PausedRetry = TimeSpan.FromSeconds(1);

    private async Task BeginAsync()
    {
        Log(TimelineEvents.Started, TimelineText.Started(_input.NodeCount, _input.Action, _c.Ledger));
        if (_input.Preflight && _input.Gate is { } gate)
        {
            Publish();
            var call = _context.CallActivityAsync<PreflightOutcome>(PreflightActivity.Name,
                new PreflightInput(_input.RunId, gate.Checks, _input.Probe), BatchFanOut.BatchRetry);
            if (await WaitAsync(call) is null) return;
            var preflight = await call;
            _c = _c with
            {
                NodeList = NodeLists.Eligible,
                Excluded = preflight.ExcludedCount,
                ExcludedSample = preflight.Excluded,
                Ledger = _c.Ledger with { Selected = preflight.Eligible },
            };
            Log(TimelineEvents.Preflight, TimelineText.Preflight(preflight.Eligible, preflight.ExcludedCount, preflight.Excluded));
            if (preflight.Eligible == 0)
            {
                Stop(RolloutState.Halted, $"pre-flight: none of the {_input.NodeCount} nodes is healthy");
                return;
            }
        }
        _sizes = Plan();
        Log(TimelineEvents.Planned, TimelineText.Planned(_sizes));
        _c = _c with { Step = RolloutStep.WaveStart };
    }

    /// <summary>A wave's start: a pending retune takes effect (each wave runs with one concurrency and one set of budgets), then approval or actions.</summary>
    private Task WaveStart()
    {
        if (_c.Wave >= _sizes.Count)
        {
            Stop(RolloutState.Completed, null);
            return Task.CompletedTask;
        }
        if (_c.PendingRetune is { } retune)
        {
            _c = _c with { Ledger = _c.Ledger.Retuned(retune), PendingRetune = null };
            Log(TimelineEvents.Retuned, _c.Ledger.Describe(), retune.By);
        }
        if (RolloutModes.NeedsApproval(_input.Approval, _c.Wave))
        {
            var deadline = Now.AddSeconds(_input.ApprovalTimeoutSeconds);
            _c = _c with { Step = RolloutStep.Approval, State = RolloutState.WaitingApproval, ApprovalDeadline = deadline };
            Log(TimelineEvents.ApprovalRequested, $"before wave {WaveNumber}; times out at {deadline:O}");
            Notice(RolloutState.WaitingApproval, $"approval needed before wave {WaveNumber} of {_sizes.Count} (POST /api/runs/{_input.RunId}/approve or /reject); times out at {deadline:O}");
        }
        else
        {
            StartWave();
        }
        return Task.CompletedTask;
    }

    private void StartWave()
    {
        _c = _c with { Step = RolloutStep.Actions, State = RolloutState.Running, Offset = 0, WaveOk = 0, WaveFailed = 0, WaveFailedSample = [] };
        Log(TimelineEvents.WaveStarted, TimelineText.WaveStarted(_sizes[_c.Wave], _c.WaveStart, _c.Ledger.Concurrency));
    }

    /// <summary>Waits for a person until the deadline. Stray decisions (for another wave) are noted; past the step budget it continues as new and waits on.</summary>
    private async Task ApprovalAsync()
    {
        using var timerCancel = new CancellationTokenSource();
        var timer = _context.CreateTimer(_c.ApprovalDeadline!.Value, timerCancel.Token);
        // At least one wait per step, so a decision that is already in is always taken.
        for (var first = true; first || _steps < _input.StepsPerExecution; first = false)
        {
            var done = await WaitAsync(_signals.Approval, timer);
            if (done is null)
            {
                timerCancel.Cancel();
                return; // the cancel is acted on by the loop
            }
            if (done == timer)
            {
                Log(TimelineEvents.ApprovalTimedOut, $"no decision within {_input.ApprovalTimeoutSeconds} s");
                Stop(RolloutState.Halted, $"approval for wave {WaveNumber} timed out after {_input.ApprovalTimeoutSeconds} s");
                return;
            }
            _signals.TryTakeApproval(out var decision);
            if (decision is null) continue;
            var by = TimelineText.Clip(decision.By, TimelineText.MaxBy);
            if (decision.Wave != WaveNumber)
            {
                Log(TimelineEvents.ApprovalIgnored, $"a decision for wave {decision.Wave} arrived while wave {WaveNumber} waits", by);
                continue;
            }
            timerCancel.Cancel();
            if (!decision.Approved)
            {
                Log(TimelineEvents.Rejected, decision.Reason, by);
                Stop(RolloutState.Halted, TimelineText.Rejected(_c.Wave + 1, decision.By, decision.Reason));
                return;
            }
            Log(TimelineEvents.Approved, decision.Reason, by);
            StartWave();
            return;
        }
        timerCancel.Cancel();
    }

    /// <summary>One chunk of the wave's actions, then the budget. A cancel ends the wait at once; the chunk is told to start no more nodes and its nodes in flight finish.</summary>
    private async Task ActionsAsync()
    {
        var size = _sizes[_c.Wave];
        if (_c.Offset >= size)
        {
            Log(TimelineEvents.ActionsDone, TimelineText.ActionsDone(_c.WaveOk, _c.WaveFailed, _c.WaveFailedSample));
            _c = _c with { Step = _input.Gate is null ? RolloutStep.WaveDone : RolloutStep.Gate, GateRound = 0, GateDeadline = Now.AddSeconds(_input.Gate?.DeadlineSeconds ?? 0) };
            if (_input.Gate is { Checks.Count: 0 } queriesOnly) StartAnalysis(queriesOnly);
            return;
        }
        var (from, count) = (_c.WaveStart + _c.Offset, Math.Min(RolloutInput.ChunkSize(_c.Ledger.Concurrency), size - _c.Offset));
        var call = _context.CallActivityAsync<ActionBatchOutcome>(ActionBatchActivity.Name,
            new ActionBatchInput(_input.RunId, _c.NodeList, from, count, _c.Wave, _input.Action, _c.Ledger.Concurrency, Rollback: false), BatchFanOut.BatchRetry);
        if (await WaitAsync(call) is null)
        {
            Cancelled();
            _draining = RolloutPhase.Actions;
            Publish();
            var signal = _context.CallActivityAsync(SignalStopActivity.Name, new StopSignalInput(_input.RunId, RolloutStop.Cancelled), BatchFanOut.BatchRetry);
            await Task.WhenAll(call, signal);
            _draining = null;
            CountActions(await call);
            return;
        }
        var outcome = await call;
        if (outcome.NotStarted > 0)
        {
            if (outcome.StoppedBy == RolloutStop.Cancelled)
            {
                CountActions(outcome);
                _c = _c with { Cancel = _c.Cancel ?? new ControlNote(null, "seen by the actions in flight", Now) };
                Cancelled();
                return;
            }
            // Stopped for a pause: the chunk runs again once resumed, and sends only to the nodes with no stored result.
            await WaitAsync(_context.CreateTimer(PausedRetry, CancellationToken.None));
            return;
        }
        CountActions(outcome);
        _c = _c with { Offset = _c.Offset + count };
        if (_c.Ledger.ActionsExceeded() is { } reason)
        {
            Log(TimelineEvents.ActionsFailed, TimelineText.ActionsFailed(outcome.Failed, from, count, outcome.FailedSample));
            Exceeded(reason);
        }
    }

    private void CountActions(ActionBatchOutcome outcome) => _c = _c with
    {
        Ledger = _c.Ledger.WithActions(outcome.Ok, outcome.Failed),
        WaveOk = _c.WaveOk + outcome.Ok,
        WaveFailed = _c.WaveFailed + outcome.Failed,
        WaveFailedSample = [.. _c.WaveFailedSample.Concat(outcome.FailedSample.Select(n => TimelineText.Clip(n, TimelineText.MaxName)!)).Take(TimelineText.ShownNames)],
    };

    /// <summary>One gate round; passed, past the deadline (failures counted against the budget), or a timer to the next round that a cancel cuts short.</summary>
    private async Task GateAsync(RolloutGate gate)
    {
        var call = _context.CallActivityAsync<GateRoundOutcome>(GateActivity.Name,
            new GateRoundInput(_input.RunId, _c.NodeList, _c.WaveStart, _sizes[_c.Wave], _c.Wave, _c.GateRound, gate.Passes, gate.Checks, _input.Probe), BatchFanOut.BatchRetry);
        if (await WaitAsync(call) is null) return;
        var round = await call;
        var rounds = _c.GateRound + 1;
        if (round.Pending == 0)
        {
            Log(TimelineEvents.GatePassed, TimelineText.GatePassed(round.Gated, gate.Passes, rounds));
            _c = _c with { Step = RolloutStep.WaveDone };
            StartAnalysis(gate);
            return;
        }
        var next = Now.AddSeconds(gate.IntervalSeconds);
        if (next > _c.GateDeadline)
        {
            Log(TimelineEvents.GateFailed, TimelineText.GateFailed(round.Pending, round.Gated, gate.Passes, gate.DeadlineSeconds, round.PendingSample));
            _c = _c with { Ledger = _c.Ledger.WithGateFailures(round.Pending), Step = RolloutStep.WaveDone };
            if (_c.Ledger.GateExceeded() is { } reason) Exceeded(reason);
            return;
        }
        _c = _c with { GateRound = rounds };
        using var timerCancel = new CancellationTokenSource();
        if (await WaitAsync(_context.CreateTimer(next, timerCancel.Token)) is null) timerCancel.Cancel();
    }

    private Task WaveDone()
    {
        Log(TimelineEvents.WaveDone, TimelineText.WaveDone(_c.Ledger));
        _c = _c with { Step = RolloutStep.WaveStart, Wave = _c.Wave + 1, WaveStart = _c.WaveStart + _sizes[_c.Wave] };
        return Task.CompletedTask;
    }

    /// <summary>A budget is exceeded: halt, or undo the action on every node it touched (all are before the current wave's end).</summary>
    private void Exceeded(string reason)
    {
        Log(TimelineEvents.BudgetExceeded, reason);
        if (_c.Ledger.OnExceeded != BudgetAction.Rollback || _input.Rollback is null)
        {
            Stop(RolloutState.Halted, reason);
            return;
        }
        var end = _c.WaveStart + _sizes[_c.Wave];
        Log(TimelineEvents.RollbackStarted, $"nodes #1-#{end} that the action was sent to");
        _c = _c with { Step = RolloutStep.Rollback, Reason = reason, RollbackEnd = end, Offset = 0, WaveFailedSample = [] };
    }

    /// <summary>One chunk of the rollback. A cancel does not stop it: undoing is what keeps the fleet safe.</summary>
    private async Task RollbackAsync(ActionSpec rollback)
    {
        if (_c.Offset >= _c.RollbackEnd)
        {
            Log(TimelineEvents.RollbackDone, TimelineText.RollbackDone(_c.RolledBack, _c.RollbackFailed, _c.WaveFailedSample));
            Stop(RolloutState.RolledBack, _c.Reason + (_c.RollbackFailed > 0 ? $"; the rollback failed on {_c.RollbackFailed} nodes" : ""));
            return;
        }
        var count = Math.Min(RolloutInput.ChunkSize(_c.Ledger.Concurrency), _c.RollbackEnd - _c.Offset);
        var call = _context.CallActivityAsync<ActionBatchOutcome>(ActionBatchActivity.Name,
            new ActionBatchInput(_input.RunId, _c.NodeList, _c.Offset, count, _c.Wave, rollback, _c.Ledger.Concurrency, Rollback: true), BatchFanOut.BatchRetry);
        await WaitAsync(false, call);
        var outcome = await call;
        if (outcome.NotStarted > 0)
        {
            await WaitAsync(false, _context.CreateTimer(PausedRetry, CancellationToken.None));
            return;
        }
        _c = _c with
        {
            Offset = _c.Offset + count,
            RolledBack = _c.RolledBack + outcome.Ok,
            RollbackFailed = _c.RollbackFailed + outcome.Failed,
            WaveFailedSample = [.. _c.WaveFailedSample.Concat(outcome.FailedSample.Select(n => TimelineText.Clip(n, TimelineText.MaxName)!)).Take(TimelineText.ShownNames)],
        };
    }
}
