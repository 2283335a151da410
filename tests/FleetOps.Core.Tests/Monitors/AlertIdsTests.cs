using FleetOps.Core.Monitors;

namespace FleetOps.Core.Tests.Monitors;

public sealed class AlertIdsTests
{
    [Fact]
    public void An_alert_id_is_stable_and_names_one_change()
    {
        var id = AlertIds.ForChange("edge", "web-1", 42, MonitorState.Down);
        Assert.Equal(id, AlertIds.ForChange("edge", "web-1", 42, MonitorState.Down));
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.NotEqual(id, AlertIds.ForChange("edge", "web-1", 43, MonitorState.Down));
        Assert.NotEqual(id, AlertIds.ForChange("edge", "web-1", 42, MonitorState.Up));
        Assert.NotEqual(id, AlertIds.ForChange("edge", "web-2", 42, MonitorState.Down));
        Assert.NotEqual(id, AlertIds.ForChange("edge2", "web-1", 42, MonitorState.Down));
    }

    [Fact]
    public void Parts_cannot_run_into_each_other()
    {
        Assert.NotEqual(AlertIds.ForChange("a/b", "c", 1, MonitorState.Down), AlertIds.ForChange("a", "b/c", 1, MonitorState.Down));
        Assert.NotEqual(AlertIds.ForRollout("r1", "halted", 12), AlertIds.ForRollout("r11", "halted", 2));
    }

    [Fact]
    public void Reminders_have_their_own_ids()
    {
        var id = AlertIds.ForChange("edge", "web-1", 42, MonitorState.Down);
        Assert.NotEqual(AlertIds.ForReminder(id, 1), AlertIds.ForReminder(id, 2));
        Assert.NotEqual(id, AlertIds.ForReminder(id, 1));
    }

    [Fact]
    public void Incident_keys_name_the_pair_and_fit_pagerduty()
    {
        Assert.Equal("fleetops/edge/web-1", AlertIds.IncidentKey("edge", "web-1"));
        var longKey = AlertIds.IncidentKey(new string('m', 100), new string('t', 400));
        Assert.True(longKey.Length <= AlertIds.MaxIncidentKeyLength);
        Assert.Equal(longKey, AlertIds.IncidentKey(new string('m', 100), new string('t', 400)));
        Assert.NotEqual(longKey, AlertIds.IncidentKey(new string('m', 100), new string('t', 401)));
    }
}
