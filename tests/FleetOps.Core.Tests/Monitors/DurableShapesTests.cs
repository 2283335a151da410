using System.Text.Json;
using FleetOps.Core.Monitors;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Monitors;

/// <summary>What the engine stores between cycles reads back as written, and tolerates fields added by a later version.</summary>
public sealed class DurableShapesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, FleetOpsJson.Options), FleetOpsJson.Options)!;

    [Fact]
    public void A_target_state_round_trips_with_readable_enums()
    {
        var state = new TargetState
        {
            State = MonitorState.Down, Previous = MonitorState.Up, Since = T0, ChangeCycle = 4, ConsecutiveFailures = 3, LastCycle = 4,
            LastAt = T0, FailingCheck = "http:/health", ErrorKind = ErrorKind.HttpStatus, Error = "status 503",
        };
        var json = JsonSerializer.Serialize(state, FleetOpsJson.Options);
        Assert.Contains("\"state\":\"down\"", json, StringComparison.Ordinal);
        Assert.Contains("\"errorKind\":\"http-status\"", json, StringComparison.Ordinal);
        Assert.Equal(state, RoundTrip(state));
        Assert.Equal(state, JsonSerializer.Deserialize<TargetState>(json.Insert(1, "\"addedLater\":1,"), FleetOpsJson.Options));
    }

    [Fact]
    public void Ledger_entries_and_alerts_round_trip()
    {
        var entry = new AlertLedgerEntry { AlertId = "abc", ChangeCycle = 4, Previous = MonitorState.Up, Since = T0, Announced = true, AnnouncedAt = T0, SuppressedBy = "gw-1" };
        Assert.Equal(entry, RoundTrip(entry));

        var alert = new MonitorAlert
        {
            Id = "abc", Monitor = "edge", Target = "web-1", Kind = AlertKind.StillDown, State = MonitorState.Down, Since = T0, Reminder = 2,
            IncidentKey = "fleetops/edge/web-1", DependentsUnreachable = 3, Dependents = 4,
        };
        var json = JsonSerializer.Serialize(alert, FleetOpsJson.Options);
        Assert.Contains("\"kind\":\"still-down\"", json, StringComparison.Ordinal);
        Assert.Equal(alert, RoundTrip(alert));
    }
}
