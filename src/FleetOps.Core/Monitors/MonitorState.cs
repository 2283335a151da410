namespace FleetOps.Core.Monitors;

/// <summary>
/// A target's health as the monitor judges it (in JSON: unknown, up, down). Maintenance is not a state: it is an
/// overlay that keeps alerts quiet while states go on changing.
/// </summary>
public enum MonitorState
{
    /// <summary>Not judged yet: fewer failures than the threshold and no success since the monitor started.</summary>
    Unknown,
    Up,
    Down,
}
