namespace FleetOps.Host.Health;

/// <summary>
/// While storage is unreachable the engine logs a warning for every failed poll and lease renewal; the outage is
/// already one line from <see cref="StorageHealth"/>, so the console drops the engine's warnings until storage is back.
/// </summary>
public sealed class OutageLogQuiet
{
    public volatile bool Muted;

    public bool Allows(LogLevel level) => level >= LogLevel.Warning && (!Muted || level >= LogLevel.Critical);
}
