using FleetOps.Core.Monitors;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Monitors;

public sealed class HeartbeatTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Heartbeat FiveMinutes = Heartbeat.For(new HeartbeatSpec { Period = "5m", Grace = "1m" });

    [Fact]
    public void Nothing_is_judged_before_the_first_period_and_grace_run_out()
    {
        var log = new HeartbeatLog(WaitingSince: T0);
        Assert.Null(FiveMinutes.Observe(log, T0.AddMinutes(6)));
        var late = FiveMinutes.Observe(log, T0.AddMinutes(6).AddSeconds(1))!;
        Assert.False(late.Ok);
        Assert.Equal(ErrorKind.Timeout, late.Error!.Kind);
        Assert.Contains("no beat since", late.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_beat_within_period_and_grace_is_up_and_a_late_one_is_down()
    {
        var log = new HeartbeatLog(T0, LastBeat: T0.AddMinutes(2));
        Assert.True(FiveMinutes.Observe(log, T0.AddMinutes(8))!.Ok);
        var down = FiveMinutes.Observe(log, T0.AddMinutes(8).AddSeconds(1))!;
        Assert.False(down.Ok);
        Assert.Contains("no beat within 5m + 1m grace", down.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(T0.AddMinutes(8), FiveMinutes.Deadline(log));
    }

    [Fact]
    public void A_reported_failure_is_down_until_the_next_beat()
    {
        var failed = new HeartbeatLog(T0, LastBeat: T0.AddMinutes(1), LastFailure: T0.AddMinutes(2), FailureMessage: "backup exited 3");
        var down = FiveMinutes.Observe(failed, T0.AddMinutes(3))!;
        Assert.False(down.Ok);
        Assert.Equal(ErrorKind.Other, down.Error!.Kind);
        Assert.EndsWith("backup exited 3", down.Error.Message, StringComparison.Ordinal);

        var recovered = failed with { LastBeat = T0.AddMinutes(4) };
        Assert.True(FiveMinutes.Observe(recovered, T0.AddMinutes(5))!.Ok);
    }

    [Fact]
    public void With_thresholds_of_one_a_missed_beat_alerts_at_once_and_the_next_beat_recovers()
    {
        var thresholds = Thresholds.For(new MonitorDefinition { Heartbeat = new() { Period = "5m" } });
        Assert.Equal(new Thresholds(1, 1), thresholds);
        var heartbeat = Heartbeat.For(new HeartbeatSpec { Period = "5m" });
        Assert.Equal(MonitorLimits.DefaultHeartbeatGrace, heartbeat.Grace);

        var state = TargetState.New;
        var log = new HeartbeatLog(T0, LastBeat: T0);
        var (s1, t1) = TargetStateMachine.Apply("nightly", state, heartbeat.Observe(log, T0.AddMinutes(1))!, thresholds, 1);
        var (s2, t2) = TargetStateMachine.Apply("nightly", s1, heartbeat.Observe(log, T0.AddMinutes(7))!, thresholds, 2);
        var (s3, t3) = TargetStateMachine.Apply("nightly", s2, heartbeat.Observe(log with { LastBeat = T0.AddMinutes(8) }, T0.AddMinutes(9))!, thresholds, 3);
        Assert.Equal([MonitorState.Up, MonitorState.Down, MonitorState.Up], new[] { s1, s2, s3 }.Select(s => s.State));
        Assert.True(t2!.Alerting);
        Assert.True(t3!.Alerting);
        Assert.False(t1!.Alerting);
    }
}
