using CsCheck;
using FleetOps.Core.Monitors;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Monitors;

public sealed class TargetStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Thresholds Gatus = new(3, 2);

    private static Observation Ok(int cycle) => new(true, T0.AddSeconds(30 * cycle), 12.5);
    private static Observation Fail(int cycle) => new(false, T0.AddSeconds(30 * cycle), null, "http:/health", new ProbeError(ErrorKind.Timeout, "no answer within 2000 ms"));

    /// <summary>Applies the observations in cycles 1, 2, ... and returns the final state and every transition.</summary>
    private static (TargetState State, List<StateTransition> Transitions) Run(IEnumerable<bool> oks, Thresholds thresholds, TargetState? start = null)
    {
        var state = start ?? TargetState.New;
        var transitions = new List<StateTransition>();
        var cycle = (int)state.LastCycle;
        foreach (var ok in oks)
        {
            cycle++;
            var (next, transition) = TargetStateMachine.Apply("web-1", state, ok ? Ok(cycle) : Fail(cycle), thresholds, cycle);
            state = next;
            if (transition is not null) transitions.Add(transition);
        }
        return (state, transitions);
    }

    [Fact]
    public void A_new_target_is_up_on_its_first_success_without_an_alert()
    {
        var (state, transitions) = Run([true], Gatus);
        Assert.Equal(MonitorState.Up, state.State);
        var t = Assert.Single(transitions);
        Assert.Equal((MonitorState.Unknown, MonitorState.Up, 1L), (t.From, t.To, t.Cycle));
        Assert.False(t.Alerting);
    }

    [Fact]
    public void Failures_reaching_the_threshold_turn_a_target_down_and_successes_bring_it_back()
    {
        var (state, transitions) = Run([true, false, false, false, false, true, true, true], Gatus);
        Assert.Equal(MonitorState.Up, state.State);
        Assert.Equal([(MonitorState.Unknown, MonitorState.Up, 1L), (MonitorState.Up, MonitorState.Down, 4L), (MonitorState.Down, MonitorState.Up, 7L)],
            transitions.Select(t => (t.From, t.To, t.Cycle)));
        var down = transitions[1];
        Assert.True(down.Alerting);
        Assert.Equal("http:/health", down.FailingCheck);
        Assert.Equal(ErrorKind.Timeout, down.Error!.Kind);
        Assert.Equal(T0.AddSeconds(30 * 7), state.Since);
        Assert.Equal(7, state.ChangeCycle);
        Assert.Equal(MonitorState.Down, state.Previous);
        Assert.Equal(3, state.ConsecutiveSuccesses);
    }

    [Fact]
    public void A_new_target_that_never_succeeds_goes_down_at_the_threshold()
    {
        var (state, transitions) = Run([false, false, false], Gatus);
        Assert.Equal(MonitorState.Down, state.State);
        Assert.Equal((MonitorState.Unknown, MonitorState.Down), (transitions[0].From, transitions[0].To));
        Assert.True(transitions[0].Alerting);
    }

    [Fact]
    public void A_redelivered_cycle_changes_nothing()
    {
        var (state, _) = Run([true, false, false], Gatus);
        var (again, transition) = TargetStateMachine.Apply("web-1", state, Fail(3), Gatus, 3);
        Assert.Same(state, again);
        Assert.Null(transition);
        var (older, none) = TargetStateMachine.Apply("web-1", state, Fail(2), Gatus, 2);
        Assert.Same(state, older);
        Assert.Null(none);
    }

    [Fact]
    public void A_long_error_is_kept_short()
    {
        var error = new ProbeError(ErrorKind.Condition, new string('x', 5000));
        var (state, _) = TargetStateMachine.Apply("web-1", TargetState.New, new Observation(false, T0, null, "http:/", error), new(1, 1), 1);
        Assert.Equal(TargetStateMachine.MaxErrorChars, state.Error!.Length);
    }

    private static readonly Gen<(int Failure, int Success, bool[] Oks)> Histories =
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Bool.Array[0, 120]);

    [Fact]
    public void A_flap_shorter_than_the_failure_threshold_never_takes_an_up_target_down() =>
        Histories.Sample(h =>
        {
            // Cut every run of failures to below the threshold.
            var oks = new List<bool>();
            var run = 0;
            foreach (var ok in h.Oks)
            {
                run = ok ? 0 : run + 1;
                if (run < h.Failure) oks.Add(ok);
                else { oks.Add(true); run = 0; }
            }
            var (state, transitions) = Run(oks, new(h.Failure, h.Success), Run([true], Gatus).State);
            return state.State == MonitorState.Up && transitions.Count == 0;
        });

    [Fact]
    public void A_transition_happens_exactly_when_a_full_run_earns_it_and_states_alternate() =>
        Histories.Sample(h =>
        {
            var thresholds = new Thresholds(h.Failure, h.Success);
            var state = TargetState.New;
            var last = MonitorState.Unknown;
            for (var i = 0; i < h.Oks.Length; i++)
            {
                var (next, t) = TargetStateMachine.Apply("x", state, h.Oks[i] ? Ok(i + 1) : Fail(i + 1), thresholds, i + 1);
                if (t is not null)
                {
                    if (t.From != last || t.To == t.From) return false;
                    var needed = t.To == MonitorState.Down ? h.Failure : t.From == MonitorState.Down ? h.Success : 1;
                    var ok = t.To == MonitorState.Up;
                    if (i + 1 < needed || h.Oks.Skip(i + 1 - needed).Take(needed).Any(o => o != ok)) return false;
                    last = t.To;
                }
                if (next.State != last) return false;
                // And conversely: a full run of failures means down, a full run of successes means up.
                bool LastAre(int n, bool ok) => i + 1 >= n && h.Oks.Skip(i + 1 - n).Take(n).All(o => o == ok);
                if (LastAre(h.Failure, false) && next.State != MonitorState.Down) return false;
                if (LastAre(h.Success, true) && next.State != MonitorState.Up) return false;
                state = next;
            }
            return true;
        });

    [Fact]
    public void Replaying_any_applied_cycle_is_a_no_op() =>
        Histories.Sample(h =>
        {
            var (state, _) = Run(h.Oks, new(h.Failure, h.Success));
            for (var cycle = 1; cycle <= h.Oks.Length; cycle++)
            {
                var (again, t) = TargetStateMachine.Apply("web-1", state, Fail(cycle), new(h.Failure, h.Success), cycle);
                if (!ReferenceEquals(again, state) || t is not null) return false;
            }
            return true;
        });
}
