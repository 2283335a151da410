using FleetOps.Core.Checks;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Rollouts.Analysis;
using FleetOps.Workflows.Rollouts;

namespace FleetOps.Workflows.Tests.Rollouts;

/// <summary>The sequencer's Prometheus analysis, in process: rounds after the checks, failure against the budget, inconclusive holds until resumed.</summary>
public sealed class AnalysisSequencerTests : IAsyncLifetime
{
    private SequencerHost _host = null!;

    public async Task InitializeAsync() => _host = await SequencerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static RolloutGate Gate(bool checks, params PrometheusQuery[] queries) =>
        new(checks ? [new TcpCheck()] : [], 1, 1, 30) { Prometheus = [.. queries] };

    private static PrometheusQuery Query(QueryScope scope = QueryScope.Node, int count = 1, int failureLimit = 0) =>
        new("errors", "up", "< 0.5", scope, count, failureLimit, 0);

    [Fact]
    public async Task Queries_run_count_rounds_after_the_checks_pass_on_every_wave()
    {
        var id = await _host.StartAsync(SequencerHost.Input(4, """[1, "100%"]""", gate: Gate(checks: true, Query(count: 2))));
        Assert.Equal(RolloutState.Completed, SequencerHost.Final(await _host.EndAsync(id)).State);
        Assert.Equal(4, _host.Analyses.Count); // 2 rounds × 2 waves
        Assert.Equal([(0, 1), (0, 1), (1, 3), (1, 3)], _host.Analyses.Select(a => (a.From, a.Count)));
        Assert.Equal(2, _host.Events.Count(e => e == TimelineEvents.AnalysisPassed));
        Assert.True(_host.Events.IndexOf(TimelineEvents.GatePassed) < _host.Events.IndexOf(TimelineEvents.AnalysisPassed));
    }

    [Fact]
    public async Task Failures_above_the_limit_are_gate_failures_and_halt_past_the_budget()
    {
        _host.OnAnalysis = i => new AnalysisOutcome(i.Count, [new QueryMeasurement(0, QueryVerdict.Fail, "0.9 is not < 0.5", 2, ["n2", "n3"])]);
        var id = await _host.StartAsync(SequencerHost.Input(4, """[4]""", gate: Gate(checks: false, Query(count: 3, failureLimit: 1)),
            budgets: new RolloutBudgets(new BudgetValue(0, false), new BudgetValue(1, false), BudgetAction.Halt)));
        var final = SequencerHost.Final(await _host.EndAsync(id));
        Assert.Equal((RolloutState.Halted, 2), (final.State, final.GateFailures));
        Assert.Contains("Prometheus query 'errors' failed 2 times (failureLimit 1): 0.9 is not < 0.5", final.Reason);
        Assert.Equal(2, _host.Analyses.Count);
        Assert.Empty(_host.Gates); // no checks: the queries run right after the actions
        Assert.Contains("n2, n3", _host.Timeline.Single(e => e.Event == TimelineEvents.AnalysisFailed).Detail);
    }

    [Fact]
    public async Task A_failing_fleet_query_counts_every_gated_node()
    {
        _host.OnAnalysis = i => new AnalysisOutcome(i.Count, [new QueryMeasurement(0, QueryVerdict.Fail, "7 is not < 0.5")]);
        var id = await _host.StartAsync(SequencerHost.Input(3, """[3]""", gate: Gate(checks: false, Query(QueryScope.Fleet)),
            budgets: new RolloutBudgets(new BudgetValue(0, false), new BudgetValue(5, false), BudgetAction.Halt)));
        var final = SequencerHost.Final(await _host.EndAsync(id));
        Assert.Equal((RolloutState.Completed, 3), (final.State, final.GateFailures)); // within a budget of 5
    }

    [Fact]
    public async Task Inconclusive_holds_the_rollout_paused_across_executions_until_a_resume_measures_again()
    {
        var inconclusive = true;
        _host.OnAnalysis = i => new AnalysisOutcome(i.Count, [new QueryMeasurement(0, Volatile.Read(ref inconclusive) ? QueryVerdict.Inconclusive : QueryVerdict.Pass, "no data (empty result)")]);
        var input = SequencerHost.Input(2, """[2]""", gate: Gate(checks: false, Query())) with { StepsPerExecution = 3 };
        var id = await _host.StartAsync(input);
        var held = await _host.UntilAsync(id, p => p.State == RolloutState.Paused);
        Assert.Equal(RolloutPhase.Analysis, held.WaitingFor);
        Assert.Contains("was inconclusive once (inconclusiveLimit 0): no data (empty result)", held.Reason);

        // Other events wake it and it continues as new, still held: no new measurement without a person.
        for (var i = 0; i < 5; i++)
            await _host.Client.RaiseEventAsync(id, RolloutEvents.Retune, new RetuneRequest { Concurrency = 3 + i });
        await _host.UntilAsync(id, p => p.State == RolloutState.Paused && p.Concurrency == 2);
        await Task.Delay(500);
        Assert.Single(_host.Analyses);

        Volatile.Write(ref inconclusive, false);
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Resumed, new ControlNote("alice", "prometheus is back", DateTimeOffset.UtcNow));
        var final = SequencerHost.Final(await _host.EndAsync(id));
        Assert.Equal((RolloutState.Completed, (string?)null), (final.State, final.Reason));
        Assert.Equal(2, _host.Analyses.Count);
        Assert.Equal([TimelineEvents.AnalysisInconclusive, TimelineEvents.Resumed, TimelineEvents.AnalysisRestarted, TimelineEvents.AnalysisPassed],
            _host.Events.Where(e => e.StartsWith("analysis", StringComparison.Ordinal) || e == TimelineEvents.Resumed));
    }

    [Fact]
    public async Task A_cancel_ends_a_held_rollout()
    {
        _host.OnAnalysis = i => new AnalysisOutcome(i.Count, [new QueryMeasurement(0, QueryVerdict.Inconclusive, "NaN")]);
        var id = await _host.StartAsync(SequencerHost.Input(2, """[2]""", gate: Gate(checks: false, Query())));
        await _host.UntilAsync(id, p => p.State == RolloutState.Paused);
        await _host.Client.RaiseEventAsync(id, RolloutEvents.Cancel, new ControlNote("bob", null, DateTimeOffset.UtcNow));
        Assert.Equal(RolloutState.Cancelled, SequencerHost.Final(await _host.EndAsync(id)).State);
        Assert.Equal(1, _host.Released);
    }
}
