using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Notifiers;

/// <summary>Settings for fromSetting secrets, and the alerts the payload tests render.</summary>
internal sealed class Settings(Dictionary<string, string> values) : ISecretSource
{
    public static Settings None { get; } = new([]);
    public string? Get(string name) => values.GetValueOrDefault(name);
}

internal static class NotifierKit
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static MonitorAlert Down(int dependents = 0) => new()
    {
        Id = AlertIds.ForChange("edge", "gw-1", 4, MonitorState.Down),
        Monitor = "edge",
        Target = "gw-1",
        Address = "10.0.0.1:22",
        Kind = AlertKind.Down,
        State = MonitorState.Down,
        Previous = MonitorState.Up,
        Since = T0,
        Cycle = 4,
        PlannedCycle = 4,
        PlannedAt = T0.AddSeconds(2),
        FailingCheck = "tcp:22",
        ErrorKind = ErrorKind.Refused,
        Error = "node 'gw-1' (10.0.0.1:22), tcp:22, attempt 2: connection refused <script>",
        Dependents = dependents == 0 ? 0 : dependents + 1,
        DependentsUnreachable = dependents,
        IncidentKey = AlertIds.IncidentKey("edge", "gw-1"),
    };

    public static MonitorAlert Up() => Down() with
    {
        Id = AlertIds.ForChange("edge", "gw-1", 30, MonitorState.Up),
        Kind = AlertKind.Up,
        State = MonitorState.Up,
        Previous = MonitorState.Down,
        DownSince = T0,
        Since = T0.AddMinutes(13),
        Cycle = 30,
        PlannedAt = T0.AddMinutes(13),
        FailingCheck = null,
        ErrorKind = null,
        Error = null,
    };
}
