namespace FleetOps.Core.Monitors;

/// <summary>The bounds a monitor definition must keep, so every cycle's cost and every stored history stays bounded.</summary>
public static class MonitorLimits
{
    /// <summary>No two cycles closer than this: bounds probe traffic and the cycles an hour's roll-up counts (≤ 360).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(7);

    public const int DefaultFailureThreshold = 3, DefaultSuccessThreshold = 2, MaxThreshold = 100;

    public const int MaxNotifiers = 16;
    public static readonly TimeSpan MinRepeatEvery = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRepeatEvery = TimeSpan.FromDays(30);

    public const int MaxMaintenanceWindows = 32;
    public static readonly TimeSpan MaxMaintenanceDuration = TimeSpan.FromDays(31);

    public static readonly TimeSpan MinHeartbeatPeriod = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxHeartbeatPeriod = TimeSpan.FromDays(31);
    public static readonly TimeSpan DefaultHeartbeatGrace = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxHeartbeatGrace = TimeSpan.FromDays(7);

    public const string DefaultParentLabel = "parent";
    public const int MaxLabels = 64, MaxLabelKeyLength = 63, MaxLabelValueLength = 256;
}

/// <summary>
/// The operator's floor under a monitor's timing: <see cref="MonitorLimits.MinInterval"/> and
/// <see cref="MonitorLimits.MinHeartbeatPeriod"/> unless a host setting lowers them (labs and tests run seconds apart).
/// </summary>
public sealed record MonitorRules(TimeSpan MinInterval, TimeSpan MinHeartbeatPeriod)
{
    public static MonitorRules Default { get; } = new(MonitorLimits.MinInterval, MonitorLimits.MinHeartbeatPeriod);
}
