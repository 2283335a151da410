using FleetOps.Core.Checks;
using System.Text.Json;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Rollouts;
using Microsoft.DurableTask.Client;

namespace FleetOps.Workflows.Tests.Rollouts;

/// <summary>The sequencer's decisions, in process: approvals, cancel during a gate, budgets and rollback, retune, continue-as-new, failure.</summary>
public sealed class RolloutSequencerTests : IAsyncLifetime
{
    private SequencerHost _host = null!;

    public async Task InitializeAsync() => _host = await SequencerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task After_canary_approval_holds_wave_two_until_approved()
    {
        var id = await _host.StartAsync(SequencerHost.Input(4, """[1, "100%"]""", approval: ApprovalMode.AfterCanary));
        var waiting = await _host.UntilAsync(id, p => p.State == RolloutState.WaitingApproval);
        Assert.Equal((2, RolloutPhase.Approval), (waiting.Wave, waiting.WaitingFor));
        Assert.Single(_host.Actions);

        // A decision for another wave is noted and ignored; the one for wave 2 lets it go.
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Approval, new ApprovalDecision(true, "mallory", null, 1, DateTimeOffset.UtcNow));
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Approval, new ApprovalDecision(true, "alice", "canary ok", 2, DateTimeOffset.UtcNow));
        var final = SequencerHost.Final(await _host.EndAsync(id));
        Assert.Equal(RolloutState.Completed, final.State);
        Assert.Equal([(0, 1), (1, 3)], _host.Actions.Select(a => (a.From, a.Count)));
        var approved = _host.Timeline.Single(e => e.Event == TimelineEvents.Approved);
        Assert.Equal(("alice", "canary ok", 2), (approved.By, approved.Detail, approved.Wave));
        Assert.Contains(TimelineEvents.ApprovalIgnored, _host.Events);
        Assert.Equal(1, _host.Released);
    }

    [Fact]
    public async Task Cancel_during_a_five_minute_gate_interval_ends_the_rollout_at_once()
    {
        _host.OnGate = i => new GateRoundOutcome(i.Count, 1, ["n1"]);
        var input = SequencerHost.Input(2, """["100%"]""", gate: new RolloutGate([new TcpCheck()], 1, 300, 3600));
        var id = await _host.StartAsync(input);
        await _host.UntilAsync(id, p => p.WaitingFor == RolloutPhase.Gate && !_host.Gates.IsEmpty);
        await Task.Delay(500);
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Cancel, new ControlNote("bob", "wrong build", DateTimeOffset.UtcNow));

        var final = SequencerHost.Final(await _host.EndAsync(id, seconds: 30)); // the gate would sleep 300 s
        Assert.Equal(RolloutState.Cancelled, final.State);
        Assert.Equal("cancelled by bob: wrong build", final.Reason);
        Assert.Single(_host.Gates);
        Assert.Equal(["cancel-requested", "cancelled"], _host.Events.TakeLast(2));
        Assert.Equal(1, _host.Released);
    }

    [Fact]
    public async Task An_exceeded_gate_budget_rolls_back_every_node_the_waves_touched()
    {
        // Wave 2 (nodes 2-9) has one node that never gets healthy; a gate budget of 0 rolls back nodes 1-10 in chunks of 8.
        _host.OnGate = i => i.Wave == 1 ? new GateRoundOutcome(i.Count, 1, ["n5"]) : new GateRoundOutcome(i.Count, 0, []);
        var input = SequencerHost.Input(20, """[2, 8]""", gate: new RolloutGate([new TcpCheck()], 1, 1, 1),
            budgets: new RolloutBudgets(new BudgetValue(0, false), new BudgetValue(0, false), BudgetAction.Rollback), rollback: new ActionSpec { Url = "http://{{address}}/undo" });
        var id = await _host.StartAsync(input);

        var final = SequencerHost.Final(await _host.EndAsync(id));
        Assert.Equal(RolloutState.RolledBack, final.State);
        Assert.StartsWith("gate failures: 1 of 20 nodes", final.Reason);
        Assert.Equal(10, final.RolledBack);
        var rollbacks = _host.Actions.Where(a => a.Rollback).ToList();
        Assert.Equal([(0, 8), (8, 2)], rollbacks.Select(a => (a.From, a.Count)));
        Assert.All(rollbacks, a => Assert.Equal("http://{{address}}/undo", a.Action.Url));
        Assert.DoesNotContain(_host.Actions, a => !a.Rollback && a.From >= 10); // wave 3 never started
        Assert.Equal(["budget-exceeded", "rollback-started", "rollback-done", "rolled-back"], _host.Events.TakeLast(4));
    }

    [Fact]
    public async Task A_retune_applies_from_the_next_wave()
    {
        var id = await _host.StartAsync(SequencerHost.Input(12, """[4, "100%"]""", concurrency: 1, approval: ApprovalMode.BeforeFirst));
        await _host.UntilAsync(id, p => p.State == RolloutState.WaitingApproval);
        var gate10 = JsonDocument.Parse("\"10%\"").RootElement;
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Retune, new RetuneRequest { Concurrency = 3, Budgets = new BudgetSpec { GateFailures = gate10 }, By = "erin" });
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Approval, new ApprovalDecision(true, "alice", null, 1, DateTimeOffset.UtcNow));

        var final = SequencerHost.Final(await _host.EndAsync(id));
        Assert.Equal((3, "10%"), (final.Concurrency, final.GateBudget));
        // Wave 1 ran with concurrency 1 (chunks of 4); wave 2 with 3 (chunks of 12).
        Assert.Equal([(0, 4, 1), (4, 8, 3)], _host.Actions.Select(a => (a.From, a.Count, a.Concurrency)));
        Assert.Equal(2, _host.Timeline.Single(e => e.Event == TimelineEvents.Retuned).Wave);
        Assert.Equal("erin", _host.Timeline.Single(e => e.Event == TimelineEvents.RetuneReceived).By);
    }

    [Fact]
    public async Task A_long_rollout_continues_as_new_and_keeps_its_state()
    {
        var input = SequencerHost.Input(15, """[1]""") with { StepsPerExecution = 3 };
        var id = await _host.StartAsync(input);
        var final = SequencerHost.Final(await _host.EndAsync(id));
        Assert.Equal((RolloutState.Completed, 15, 15, 15), (final.State, final.Wave, final.Waves, final.NodesDone));
        Assert.Equal(Enumerable.Range(0, 15), _host.Actions.Select(a => a.From));
        Assert.Equal(Enumerable.Range(1, 15), _host.Timeline.Where(e => e.Event == TimelineEvents.WaveStarted).Select(e => e.Wave!.Value));
        Assert.Equal(Enumerable.Range(0, _host.Segments.Count), _host.Segments.Select(s => s.Segment).Order());
        Assert.Equal("completed", _host.Events.Last());
        Assert.Equal(1, _host.Released);
    }

    [Fact]
    public async Task An_activity_that_fails_every_retry_ends_the_rollout_failed_with_the_reason_and_releases_the_lock()
    {
        _host.OnAction = _ => throw new InvalidDataException("blob fleetops-runs/x/rollout/nodes.json is not a valid List`1");
        var id = await _host.StartAsync(SequencerHost.Input(3, """["100%"]"""));
        var metadata = await _host.EndAsync(id, seconds: 90);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        var progress = metadata.ReadCustomStatusAs<RolloutProgress>()!;
        Assert.Equal(RolloutState.Failed, progress.State);
        Assert.Contains("wave 1: ActionBatchActivity failed after its retries", progress.Reason);
        Assert.Contains("nodes.json", progress.Reason);
        Assert.Equal("failed", _host.Events.Last());
        Assert.Equal(1, _host.Released);
    }
}
