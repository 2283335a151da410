using System.Text.Json;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Tests.Monitors;

namespace FleetOps.Core.Tests.Notifiers;

/// <summary>PagerDuty Events API v2 and Alertmanager's POST /api/v2/alerts: a firing alert and its resolve meet.</summary>
public sealed class IncidentNotifierTests
{
    private static readonly NotifierDefinition PagerDuty = new() { Kind = "pagerduty", RoutingKey = SecretText.Setting("PD_KEY") };
    private static readonly NotifierDefinition Alertmanager = new()
    {
        Kind = "alertmanager", Url = SecretText.Inline("http://127.0.0.1:9093"), AlertLabels = new() { ["team"] = "net" }, HoldFor = "6h",
    };
    private static readonly Settings Secrets = new(new() { ["PD_KEY"] = "R0123456789abcdef0123456789abcde" });

    [Fact]
    public void PagerDuty_triggers_with_the_documented_fields()
    {
        var request = NotifierKinds.Build(PagerDuty, MonitorNotifications.Of(NotifierKit.Down(dependents: 3), "https://fleetops.example/m/edge"), Secrets, NotifierKit.T0);
        var body = DefinitionKit.Json(request.Body);

        Assert.Equal("https://events.pagerduty.com/v2/enqueue", request.Url.ToString());
        Assert.Equal("R0123456789abcdef0123456789abcde", body.GetProperty("routing_key").GetString());
        Assert.Equal("trigger", body.GetProperty("event_action").GetString());
        Assert.Equal("fleetops/edge/gw-1", body.GetProperty("dedup_key").GetString());
        var payload = body.GetProperty("payload");
        Assert.StartsWith("[edge] gw-1 down; 3 dependents unreachable: tcp:22: refused:", payload.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("10.0.0.1:22", payload.GetProperty("source").GetString());
        Assert.Equal("critical", payload.GetProperty("severity").GetString());
        Assert.Equal("2026-11-25T10:00:02.000+00:00", payload.GetProperty("timestamp").GetString());
        Assert.Equal("tcp:22", payload.GetProperty("component").GetString());
        Assert.Equal("edge", payload.GetProperty("group").GetString());
        Assert.Equal("monitor.down", payload.GetProperty("class").GetString());
        Assert.Equal("edge", payload.GetProperty("custom_details").GetProperty("Monitor").GetString());
        Assert.Equal("https://fleetops.example/m/edge", body.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal(NotifierKit.Down().Id, request.Header("Idempotency-Key"));
    }

    [Fact]
    public void PagerDuty_resolves_the_same_dedup_key_with_only_the_three_fields()
    {
        var body = DefinitionKit.Json(NotifierKinds.Build(PagerDuty, MonitorNotifications.Of(NotifierKit.Up()), Secrets, NotifierKit.T0).Body);
        Assert.Equal(["routing_key", "event_action", "dedup_key"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("resolve", body.GetProperty("event_action").GetString());
        Assert.Equal("fleetops/edge/gw-1", body.GetProperty("dedup_key").GetString());
    }

    [Fact]
    public void PagerDuty_severity_of_a_down_is_the_notifiers_and_the_summary_fits()
    {
        var alert = NotifierKit.Down() with { Error = new string('e', 3000) };
        var body = DefinitionKit.Json(NotifierKinds.Build(PagerDuty with { Severity = "warning" }, MonitorNotifications.Of(alert), Secrets, NotifierKit.T0).Body);
        Assert.Equal("warning", body.GetProperty("payload").GetProperty("severity").GetString());
        Assert.Equal(1024, body.GetProperty("payload").GetProperty("summary").GetString()!.Length);
    }

    [Fact]
    public void Alertmanager_gets_a_list_of_one_alert_at_api_v2_alerts()
    {
        var now = NotifierKit.T0.AddSeconds(2);
        var request = NotifierKinds.Build(Alertmanager, MonitorNotifications.Of(NotifierKit.Down(), "https://fleetops.example/m/edge"), Secrets, now);
        Assert.Equal("http://127.0.0.1:9093/api/v2/alerts", request.Url.ToString());
        var alert = Assert.Single(DefinitionKit.Json(request.Body).EnumerateArray().ToList());

        var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?> { ["alertname"] = "FleetOpsTargetDown", ["monitor"] = "edge", ["target"] = "gw-1", ["team"] = "net" }, labels);
        Assert.Equal("critical", alert.GetProperty("annotations").GetProperty("severity").GetString());
        Assert.Equal("gw-1 down", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("tcp:22", alert.GetProperty("annotations").GetProperty("failing_check").GetString());
        Assert.Equal("2026-11-25T10:00:00.000Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("2026-11-25T16:00:02.000Z", alert.GetProperty("endsAt").GetString()); // now + holdFor
        Assert.Equal("https://fleetops.example/m/edge", alert.GetProperty("generatorURL").GetString());
    }

    [Fact]
    public void Alertmanager_resolves_by_endsAt_with_the_same_labels()
    {
        var firing = DefinitionKit.Json(NotifierKinds.Build(Alertmanager, MonitorNotifications.Of(NotifierKit.Down()), Secrets, NotifierKit.T0).Body)[0];
        var resolved = DefinitionKit.Json(NotifierKinds.Build(Alertmanager, MonitorNotifications.Of(NotifierKit.Up()), Secrets, NotifierKit.T0.AddHours(1)).Body)[0];

        Assert.Equal(firing.GetProperty("labels").GetProperty("alertname").GetString(), resolved.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal(firing.GetProperty("labels").GetProperty("target").GetString(), resolved.GetProperty("labels").GetProperty("target").GetString());
        Assert.Equal("2026-11-25T10:00:00.000Z", resolved.GetProperty("startsAt").GetString()); // when it went down
        Assert.Equal("2026-11-25T10:13:00.000Z", resolved.GetProperty("endsAt").GetString());   // when it came back
    }

    /// <summary>
    /// Alertmanager identifies an alert by ALL its labels: whatever resolves an incident must carry exactly the labels
    /// that fired it, or the resolve becomes a second alert and the first stays firing (seen against a real
    /// Alertmanager 0.25: a severity label that changed from critical to info on the resolve).
    /// </summary>
    [Fact]
    public void Alertmanager_labels_are_the_same_for_every_notification_of_an_incident()
    {
        Dictionary<string, string?> Labels(Notification n) => DefinitionKit.Json(NotifierKinds.Build(Alertmanager, n, Secrets, NotifierKit.T0).Body)[0]
            .GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

        var monitor = new[]
        {
            MonitorNotifications.Of(NotifierKit.Down()),
            MonitorNotifications.Of(NotifierKit.Down() with { Kind = FleetOps.Core.Monitors.AlertKind.StillDown, Reminder = 1 }),
            MonitorNotifications.Of(NotifierKit.Up()),
        };
        Assert.All(monitor, n => Assert.Equal(Labels(monitor[0]), Labels(n)));

        var rollout = Enum.GetValues<FleetOps.Core.Rollouts.RolloutState>().Where(RolloutNotice.Notified.Contains)
            .Select(state => new RolloutNotice { RunId = "r1", Name = "deploy", State = state, At = NotifierKit.T0, Wave = 1, Waves = 2 }.ToNotification())
            .ToList();
        Assert.All(rollout, n => Assert.Equal(Labels(rollout[0]), Labels(n)));
    }

    [Fact]
    public void Alertmanager_takes_a_url_that_already_names_the_api()
    {
        var request = NotifierKinds.Build(Alertmanager with { Url = SecretText.Inline("http://am:9093/prefix/api/v2/alerts/") }, MonitorNotifications.Of(NotifierKit.Down()), Secrets, NotifierKit.T0);
        Assert.Equal("http://am:9093/prefix/api/v2/alerts/", request.Url.ToString());
        var prefixed = NotifierKinds.Build(Alertmanager with { Url = SecretText.Inline("http://am:9093/prefix/") }, MonitorNotifications.Of(NotifierKit.Down()), Secrets, NotifierKit.T0);
        Assert.Equal("http://am:9093/prefix/api/v2/alerts", prefixed.Url.ToString());
    }

    [Fact]
    public void A_test_notification_checks_the_address_without_paging_anyone()
    {
        var test = MonitorNotifications.Test("pager", NotifierKit.T0);
        var pd = DefinitionKit.Json(NotifierKinds.Build(PagerDuty, test, Secrets, NotifierKit.T0).Body);
        Assert.Equal("resolve", pd.GetProperty("event_action").GetString());
        var am = DefinitionKit.Json(NotifierKinds.Build(Alertmanager, test, Secrets, NotifierKit.T0).Body)[0];
        Assert.Equal(am.GetProperty("startsAt").GetString(), am.GetProperty("endsAt").GetString());
        Assert.Equal(JsonValueKind.Object, am.GetProperty("labels").ValueKind);
    }
}
