using FleetOps.Core.Notifiers;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Tests.Monitors;

namespace FleetOps.Core.Tests.Notifiers;

public sealed class RolloutNoticeTests
{
    private static RolloutNotice Notice(RolloutState state, int wave = 2, string? reason = "gate failures 3 > budget 2") => new()
    {
        RunId = "deploy-2.0-prod", Name = "deploy 2.0", State = state, Reason = reason, At = NotifierKit.T0,
        Wave = wave, Waves = 4, NodesTotal = 20, NodesDone = 6, NodesFailed = 3, Inventory = "prod",
    };

    [Theory]
    [InlineData(RolloutState.WaitingApproval, "rollout.waiting-approval", NotificationStatus.Firing, NotificationSeverity.Warning, "rollout deploy 2.0 waits for approval before wave 2 of 4")]
    [InlineData(RolloutState.Halted, "rollout.halted", NotificationStatus.Firing, NotificationSeverity.Error, "rollout deploy 2.0 halted at wave 2 of 4")]
    [InlineData(RolloutState.RolledBack, "rollout.rolled-back", NotificationStatus.Firing, NotificationSeverity.Error, "rollout deploy 2.0 rolled back at wave 2 of 4")]
    [InlineData(RolloutState.Cancelled, "rollout.cancelled", NotificationStatus.Resolved, NotificationSeverity.Info, "rollout deploy 2.0 cancelled at wave 2 of 4")]
    [InlineData(RolloutState.Completed, "rollout.completed", NotificationStatus.Resolved, NotificationSeverity.Info, "rollout deploy 2.0 completed: 6 of 20 nodes")]
    public void Each_rollout_event_notifies_with_its_reason(RolloutState state, string evt, NotificationStatus status, NotificationSeverity severity, string title)
    {
        var n = Notice(state).ToNotification();
        Assert.Equal((evt, status, severity, title), (n.Event, n.Status, n.Severity, n.Title));
        Assert.Equal("gate failures 3 > budget 2", n.Detail);
        Assert.Equal("fleetops/rollout/deploy-2.0-prod", n.IncidentKey);
        Assert.Contains(new KeyValuePair<string, string>("Reason", "gate failures 3 > budget 2"), n.Facts);
    }

    [Fact]
    public void Running_and_paused_do_not_notify()
    {
        Assert.Throws<InvalidOperationException>(() => Notice(RolloutState.Running).ToNotification());
        Assert.Throws<InvalidOperationException>(() => Notice(RolloutState.Paused).ToNotification());
    }

    [Fact]
    public void Each_wave_approval_is_its_own_notification_and_a_replay_is_the_same()
    {
        Assert.NotEqual(Notice(RolloutState.WaitingApproval, wave: 2).Id, Notice(RolloutState.WaitingApproval, wave: 3).Id);
        Assert.Equal(Notice(RolloutState.WaitingApproval, wave: 2).Id, Notice(RolloutState.WaitingApproval, wave: 2, reason: null).Id);
    }

    [Fact]
    public void The_same_builders_render_rollout_events()
    {
        var secrets = new Settings(new() { ["PD"] = "key" });
        var halted = Notice(RolloutState.Halted).ToNotification("https://fleetops.example/api/runs/deploy-2.0-prod");

        var hook = DefinitionKit.Json(NotifierKinds.Build(new NotifierDefinition { Kind = "webhook", Url = SecretText.Inline("https://h.example/x") }, halted, secrets, NotifierKit.T0).Body);
        Assert.Equal("halted", hook.GetProperty("rollout").GetProperty("state").GetString());
        Assert.Equal("rollout.halted", hook.GetProperty("event").GetString());
        Assert.False(hook.TryGetProperty("alert", out _));

        var pd = DefinitionKit.Json(NotifierKinds.Build(new NotifierDefinition { Kind = "pagerduty", RoutingKey = SecretText.Setting("PD") }, halted, secrets, NotifierKit.T0).Body);
        Assert.Equal(("trigger", "error", "deploy 2.0"), (pd.GetProperty("event_action").GetString(), pd.GetProperty("payload").GetProperty("severity").GetString(), pd.GetProperty("payload").GetProperty("group").GetString()));

        var am = DefinitionKit.Json(NotifierKinds.Build(new NotifierDefinition { Kind = "alertmanager", Url = SecretText.Inline("http://am:9093") }, Notice(RolloutState.Completed).ToNotification(), secrets, NotifierKit.T0).Body)[0];
        Assert.Equal("FleetOpsRollout", am.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("deploy-2.0-prod", am.GetProperty("labels").GetProperty("run").GetString());
        Assert.Equal(am.GetProperty("startsAt").GetString(), am.GetProperty("endsAt").GetString());

        var slack = DefinitionKit.Json(NotifierKinds.Build(new NotifierDefinition { Kind = "slack", Url = SecretText.Inline("https://hooks.slack.com/x") }, halted, secrets, NotifierKit.T0).Body);
        Assert.Equal("🔴 [deploy 2.0] rollout deploy 2.0 halted at wave 2 of 4", slack.GetProperty("text").GetString());
    }
}
