using FleetOps.Core.Contracts;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// A monitor's engine instance id, <c>monitor:{name}</c>, in the internal id space (<see cref="InternalIds"/>): no run
/// id can hold the ':', so a monitor is never addressable as a run, and one name is one instance: a monitor cannot
/// run twice. Also the cycle ids.
/// </summary>
public static class MonitorIds
{
    public const string Prefix = "monitor";

    public static string InstanceId(string monitor) => $"{Prefix}{InternalIds.Separator}{monitor}";

    /// <summary>The monitor's name, when <paramref name="instanceId"/> is a monitor's instance id.</summary>
    public static string? NameOf(string instanceId) =>
        instanceId.StartsWith(Prefix + InternalIds.Separator, StringComparison.Ordinal) ? instanceId[(Prefix.Length + 1)..] : null;

    /// <summary>
    /// A cycle's id: the Unix second it started, kept above the previous cycle's and above what storage has seen. Cycles
    /// are seconds apart, so ids never repeat for a name, across restarts, deletes and re-creations: an alert id
    /// (a hash of monitor, target, cycle and state) names one change forever.
    /// </summary>
    public static long NextCycle(long previous, long floor, DateTimeOffset startedAt) =>
        Math.Max(Math.Max(previous, floor) + 1, startedAt.ToUnixTimeSeconds());
}
