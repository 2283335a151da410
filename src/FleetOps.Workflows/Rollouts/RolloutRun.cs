using FleetOps.Core.Notifiers;
using FleetOps.Core.Rollouts;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// The sequencer: one rollout's steps (pre-flight, approval, a chunk of actions, a gate round, rollback) over the
/// state in <see cref="RolloutCarry"/>. Every wait also listens to the control events, so a cancel ends the wait
/// at once whatever it waits for (a gate interval, an approval, actions in flight); retunes and pause notes are
/// recorded as they come. The arithmetic lives in pure parts: <see cref="BudgetLedger"/>, <see cref="GateTracker"/>
/// (in <see cref="GateActivity"/>), <see cref="Retunes"/>, <see cref="TimelineText"/>. Replayed: no clock but the context's.
/// </summary>
internal sealed partial class RolloutRun
{
    private readonly TaskOrchestrationContext _context;
    private readonly RolloutInput _input;
    private readonly RolloutSignals _signals;
    private RolloutCarry _c;
    private IReadOnlyList<int> _sizes = [];
    private RolloutPhase? _draining;
    private int _steps;

    public RolloutRun(TaskOrchestrationContext context, RolloutInput input)
    {
        _context = context;
        _input = input;
        _signals = new RolloutSignals(context);
        _c = input.Carry ?? new RolloutCarry { Ledger = BudgetLedger.Start(input.NodeCount, input.Concurrency, input.Budgets) };
        if (_c.Step > RolloutStep.Begin) _sizes = Plan();
    }

    public RolloutCarry Carry => _c;

    private DateTime Now => _context.CurrentUtcDateTime;

    /// <summary>The 1-based wave the timeline and the API speak of; null before the plan.</summary>
    private int? WaveNumber => _sizes.Count == 0 ? null : Math.Min(_c.Wave + 1, _sizes.Count);

    /// <summary>Runs steps until the rollout ends (true) or this execution has taken its share of steps (false: continue as new).</summary>
    public async Task<bool> RunAsync()
    {
        Publish();
        while (_c.Step != RolloutStep.Done)
        {
            if (_steps >= _input.StepsPerExecution && !_signals.AnyCompleted) return false;
            Absorb(approvalIsWork: _c.Step == RolloutStep.Approval);
            if (_c.Cancel is not null && _c.Step is not (RolloutStep.Rollback or RolloutStep.Done))
            {
                Cancelled();
                break;
            }
            await StepAsync();
            Publish();
            await NotifyAsync();
            if (_c.Timeline.Count >= RolloutCarry.MaxPendingTimeline) await FlushTimelineAsync();
        }
        return true;
    }

    /// <summary>Something broke (an activity failed all its retries): the rollout ends failed, with the reason.</summary>
    public void Fail(string reason)
    {
        _draining = null;
        Stop(RolloutState.Failed, WaveNumber is { } wave && _c.Step != RolloutStep.Done ? $"wave {wave}: {reason}" : reason);
    }

    public RolloutOutcome Outcome() => new(Progress()) { ExcludedNodes = _c.ExcludedSample };

    /// <summary>Writes the timeline entries not written yet (a segment blob); the rest of the carry goes on.</summary>
    public async Task FlushTimelineAsync()
    {
        if (_c.Timeline.Count == 0) return;
        await _context.CallActivityAsync(RecordTimelineActivity.Name, new TimelineInput(_input.RunId, _c.TimelineSegment, _c.Timeline), BatchFanOut.BatchRetry);
        _c = _c with { Timeline = [], TimelineSegment = _c.TimelineSegment + 1 };
        _steps++;
    }

    /// <summary>Hands the events since the last step to the notifiers (through alert-deliveries; the rollout never waits on a receiver).</summary>
    public async Task NotifyAsync()
    {
        if (_c.Notices.Count == 0) return;
        await _context.CallActivityAsync(NotifyRolloutActivity.Name, new RolloutNoticeInput(_input.RunId, _input.Notifiers ?? [], _c.Notices), BatchFanOut.BatchRetry);
        _c = _c with { Notices = [] };
        _steps++;
    }

    /// <summary>Notes a state the notifiers hear about (none when the request named no notifiers).</summary>
    private void Notice(RolloutState state, string? reason)
    {
        if (_input.Notifiers is not { Count: > 0 } || !RolloutNotice.Notified.Contains(state)) return;
        var notice = new RolloutNotice
        {
            RunId = _input.RunId, Name = _input.Name, State = state, Reason = reason, At = new DateTimeOffset(Now, TimeSpan.Zero),
            Wave = WaveNumber ?? 0, Waves = _sizes.Count, NodesTotal = _c.Ledger.Selected, NodesDone = _c.Ledger.Done, NodesFailed = _c.Ledger.Failed,
            Inventory = _input.Inventory,
        };
        _c = _c with { Notices = [.. _c.Notices, notice] };
    }

    private Task StepAsync() => _c.Step switch
    {
        RolloutStep.Begin => BeginAsync(),
        RolloutStep.WaveStart => WaveStart(),
        RolloutStep.Approval => ApprovalAsync(),
        RolloutStep.Actions => ActionsAsync(),
        RolloutStep.Gate => GateAsync(_input.Gate!),
        RolloutStep.Analysis => AnalysisAsync(_input.Gate!),
        RolloutStep.WaveDone => WaveDone(),
        RolloutStep.Rollback => RollbackAsync(_input.Rollback!),
        _ => Task.CompletedTask,
    };

    private IReadOnlyList<int> Plan() => WavePlan.Compute(_c.Ledger.Selected, _input.Waves, _input.Canary, _input.BatchSize);

    /// <summary>
    /// Waits for one of <paramref name="work"/> while handling control events. Null when a cancel arrived first (and
    /// <paramref name="cancellable"/>); work that completed together with a cancel wins, and the cancel is acted on next.
    /// </summary>
    private async Task<Task?> WaitAsync(bool cancellable, params Task[] work)
    {
        var approvalIsWork = work.Contains(_signals.Approval);
        while (true)
        {
            if (cancellable && _c.Cancel is not null) return null;
            _steps++;
            await Task.WhenAny(work.Concat(_signals.Watching(includeApproval: !approvalIsWork)));
            Absorb(approvalIsWork);
            if (work.FirstOrDefault(t => t.IsCompleted) is { } done) return done;
        }
    }

    private Task<Task?> WaitAsync(params Task[] work) => WaitAsync(true, work);

    /// <summary>Records every control event that has arrived: retunes (pending until the next wave), pause and resume notes, a cancel, stray approvals.</summary>
    private void Absorb(bool approvalIsWork)
    {
        while (_signals.TryTakeRetune(out var retune))
        {
            if (retune is null) continue;
            retune = retune with { By = TimelineText.Clip(retune.By, TimelineText.MaxBy) };
            _c = _c with { PendingRetune = Retunes.Merge(_c.PendingRetune, retune) };
            Log(TimelineEvents.RetuneReceived, Retunes.Describe(retune) + "; applies from the next wave", retune.By);
        }
        while (_signals.TryTakePaused(out var note))
            if (note is not null) Note(note, TimelineEvents.Paused);
        while (_signals.TryTakeResumed(out var note))
        {
            if (note is not null) Note(note, TimelineEvents.Resumed);
            if (_c.AnalysisHeld is not null) ReleaseAnalysis();
        }
        while (!approvalIsWork && _signals.TryTakeApproval(out var decision))
        {
            if (decision is not null)
                Log(TimelineEvents.ApprovalIgnored, $"a decision for wave {decision.Wave} arrived while no wave waits for approval", TimelineText.Clip(decision.By, TimelineText.MaxBy));
        }
        while (_signals.TryTakeCancel(out var cancel))
        {
            if (_c.Cancel is not null) continue;
            _c = _c with { Cancel = cancel ?? new ControlNote(null, null, Now) };
            Log(TimelineEvents.CancelRequested, TimelineText.Clip(cancel?.Reason) ?? "no new nodes will be started", TimelineText.Clip(cancel?.By, TimelineText.MaxBy));
        }
    }

    private void Note(ControlNote note, string what) =>
        Add(new TimelineEntry(note.At.UtcDateTime, what, WaveNumber, TimelineText.Clip(note.Reason), TimelineText.Clip(note.By, TimelineText.MaxBy)));

    private void Cancelled() => Stop(RolloutState.Cancelled, TimelineText.Cancelled(_c.Cancel ?? new ControlNote(null, null, Now)));

    private void Stop(RolloutState state, string? reason)
    {
        reason = TimelineText.Clip(reason);
        _c = _c with { State = state, Reason = reason, Step = RolloutStep.Done };
        Log(TimelineEvents.Final(state), reason);
        Notice(state, reason);
        Publish();
    }

    private void Log(string what, string? detail = null, string? by = null) => Add(new TimelineEntry(Now, what, WaveNumber, TimelineText.Clip(detail), by));

    private void Add(TimelineEntry entry) => _c = _c with { Timeline = [.. _c.Timeline, entry] };

    private void Publish() => _context.SetCustomStatus(Progress());

    private RolloutPhase? Phase => _draining ?? _c.Step switch
    {
        RolloutStep.Begin when _input.Preflight => RolloutPhase.Preflight,
        RolloutStep.Approval => RolloutPhase.Approval,
        RolloutStep.Actions => RolloutPhase.Actions,
        RolloutStep.Gate => RolloutPhase.Gate,
        RolloutStep.Analysis => RolloutPhase.Analysis,
        RolloutStep.Rollback => RolloutPhase.Rollback,
        _ => null,
    };

    private RolloutProgress Progress() =>
        new(_c.State, WaveNumber ?? 0, _sizes.Count, _c.Ledger.Selected, _c.Ledger.Done, _c.Ledger.Failed, _c.Ledger.GateFailures, Phase)
        {
            Concurrency = _c.Ledger.Concurrency,
            ActionBudget = _c.Ledger.ActionBudget.ToString(),
            GateBudget = _input.Gate is null ? null : _c.Ledger.GateBudget.ToString(),
            Excluded = _c.Excluded,
            RolledBack = _c.RolledBack,
            Reason = _c.Reason,
            WaveSizes = _sizes.Count == 0 ? null : [.. _sizes.Take(RolloutProgress.ShownWaveSizes)],
        };
}
