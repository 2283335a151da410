using FleetOps.Core.Checks;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Rollouts;
using FleetOps.Workflows.Rollouts;

namespace FleetOps.Workflows.Tests.Rollouts;

/// <summary>
/// What a rollout's notifiers hear, from the real sequencer in process: waiting-approval, halted, rolled-back,
/// cancelled and completed, each once (replays of the orchestration included), with the reason and where it stood.
/// </summary>
public sealed class RolloutNoticeTests : IAsyncLifetime
{
    private SequencerHost _host = null!;

    public async Task InitializeAsync() => _host = await SequencerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private List<RolloutNotice> Heard(string runId) => [.. _host.Notices.Where(n => n.RunId == runId).SelectMany(n => n.Notices)];

    [Fact]
    public async Task Waiting_for_approval_and_completing_are_each_told_once_to_every_notifier()
    {
        var input = SequencerHost.Input(4, """[1, "100%"]""", approval: ApprovalMode.AfterCanary) with { Notifiers = ["ops", "pager"] };
        var id = await _host.StartAsync(input);
        await _host.UntilAsync(id, p => p.State == RolloutState.WaitingApproval);
        await UntilAsync(() => Heard(id).Count == 1);
        var waiting = Assert.Single(Heard(id));
        Assert.Equal((RolloutState.WaitingApproval, 2, 2, 1), (waiting.State, waiting.Wave, waiting.Waves, waiting.NodesDone));
        Assert.Contains($"approval needed before wave 2 of 2 (POST /api/runs/{id}/approve", waiting.Reason);

        await _host.Client.RaiseEventAsync(id, RolloutEvents.Approval, new ApprovalDecision(true, "alice", null, 2, DateTimeOffset.UtcNow));
        Assert.Equal(RolloutState.Completed, SequencerHost.Final(await _host.EndAsync(id)).State);

        Assert.Equal([RolloutState.WaitingApproval, RolloutState.Completed], Heard(id).Select(n => n.State));
        Assert.Equal((4, 4, "test"), (Heard(id)[1].NodesDone, Heard(id)[1].NodesTotal, Heard(id)[1].Name));
        Assert.All(_host.Notices.Where(n => n.RunId == id), n => Assert.Equal(["ops", "pager"], n.Notifiers));
        Assert.Equal(2, Heard(id).Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_cancel_is_told_with_who_and_why()
    {
        _host.OnGate = i => new GateRoundOutcome(i.Count, 1, ["n1"]);
        var input = SequencerHost.Input(2, """["100%"]""", gate: new RolloutGate([new TcpCheck()], 1, 300, 3600)) with { Notifiers = ["ops"] };
        var id = await _host.StartAsync(input);
        await _host.UntilAsync(id, p => p.WaitingFor == RolloutPhase.Gate && !_host.Gates.IsEmpty);
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Cancel, new ControlNote("bob", "wrong build", DateTimeOffset.UtcNow));
        await _host.EndAsync(id, seconds: 30);

        var cancelled = Assert.Single(Heard(id));
        Assert.Equal((RolloutState.Cancelled, "cancelled by bob: wrong build"), (cancelled.State, cancelled.Reason));
        Assert.Equal(NotificationStatus.Resolved, cancelled.ToNotification().Status);
    }

    [Fact]
    public async Task Halting_and_rolling_back_on_an_exceeded_budget_are_told_with_the_budget()
    {
        _host.OnAction = i => i.Rollback ? new ActionBatchOutcome(i.Count, 0, 0, []) : new ActionBatchOutcome(i.Count - 1, 1, 0, ["n1"]);
        var halt = await _host.StartAsync(SequencerHost.Input(4, """["100%"]""") with { Notifiers = ["ops"] });
        var rollback = await _host.StartAsync(SequencerHost.Input(4, """["100%"]""", budgets: new RolloutBudgets(new BudgetValue(0, false), new BudgetValue(0, false), BudgetAction.Rollback),
            rollback: new ActionSpec { Url = "http://{{address}}/undo" }) with { Notifiers = ["ops"] });
        await _host.EndAsync(halt);
        await _host.EndAsync(rollback);

        var halted = Assert.Single(Heard(halt));
        Assert.Equal(RolloutState.Halted, halted.State);
        Assert.StartsWith("action failures: 1 of 4 nodes", halted.Reason);
        Assert.Equal((RolloutState.RolledBack, NotificationStatus.Firing), (Assert.Single(Heard(rollback)).State, Heard(rollback)[0].ToNotification().Status));
    }

    [Fact]
    public async Task A_rollout_without_notifiers_tells_nobody()
    {
        var id = await _host.StartAsync(SequencerHost.Input(2, """["100%"]"""));
        await _host.EndAsync(id);
        Assert.DoesNotContain(_host.Notices, n => n.RunId == id);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !condition(); await Task.Delay(50))
            if (DateTime.UtcNow > deadline) throw new TimeoutException("not within 30 s");
    }
}
