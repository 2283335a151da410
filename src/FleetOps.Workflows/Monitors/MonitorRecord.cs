using System.Globalization;
using FleetOps.Core.Monitors;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// A monitor as stored (<c>{name}/monitor.json</c>): its definition and the bookkeeping around it. A delete removes
/// the record; a later PUT of the same name starts a new <see cref="Incarnation"/>, whose data lives apart from the
/// old one's, so nothing of a deleted monitor leaks into a new one.
/// </summary>
public sealed record MonitorRecord
{
    public required string Name { get; init; }
    public required MonitorDefinition Definition { get; init; }
    public required string Incarnation { get; init; }

    /// <summary>Goes up each time what the monitor checks changes (not for pause, resume or labels).</summary>
    public int Version { get; init; } = 1;

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Created or last resumed: a heartbeat monitor waits for its first beat from here.</summary>
    public DateTimeOffset ActiveSince { get; init; }

    /// <summary>SHA-256 (hex) of the heartbeat token; the token itself is never stored.</summary>
    public string? TokenHash { get; init; }

    public bool Paused => Definition.Paused == true;
}

/// <summary>
/// Blob names in <c>fleetops-monitors</c>. Everything of one incarnation is under <c>{name}/{incarnation}/</c>; a
/// layout (the targets cut into batches) is a version <c>v{n}</c>. Names outside monitors start with '_', which no
/// monitor name can.
/// </summary>
public static class MonitorPaths
{
    public const string Container = "fleetops-monitors";

    public static string Record(string monitor) => $"{monitor}/monitor.json";
    public static string Incarnation(string monitor, string incarnation) => $"{monitor}/{incarnation}/";
    public static string Plan(string monitor, string inc) => $"{monitor}/{inc}/plan.json";
    public static string Layout(string monitor, string inc, int version) => Invariant($"{monitor}/{inc}/v{version:D6}/");
    public static string Batch(string monitor, string inc, int version, int batch) => Invariant($"{Layout(monitor, inc, version)}batches/{batch:D5}.json");
    public static string State(string monitor, string inc, int version, int batch) => Invariant($"{Layout(monitor, inc, version)}state/{batch:D5}.json");
    public static string StatePrefix(string monitor, string inc, int version) => $"{Layout(monitor, inc, version)}state/";
    public static string Ledger(string monitor, string inc) => $"{monitor}/{inc}/alerts/ledger.json";
    public static string Beat(string monitor, string inc) => $"{monitor}/{inc}/heartbeat/beat.json";
    public static string Failure(string monitor, string inc) => $"{monitor}/{inc}/heartbeat/fail.json";

    public static string HoursPrefix(string monitor, string inc) => $"{monitor}/{inc}/history/hours/";
    public static string Hour(string monitor, string inc, string hourKey, int version, int batch) =>
        Invariant($"{HoursPrefix(monitor, inc)}{hourKey}/v{version:D6}-{batch:D5}.json");
    public static string DaysPrefix(string monitor, string inc) => $"{monitor}/{inc}/history/days/";
    public static string DayHours(string monitor, string inc, string dayKey, int part) => Invariant($"{DaysPrefix(monitor, inc)}{dayKey}/hours-{part:D4}.json");
    public static string DayTotals(string monitor, string inc, string dayKey, int part) => Invariant($"{DaysPrefix(monitor, inc)}{dayKey}/totals-{part:D4}.json");

    public static string HeartbeatIndex(string tokenHash) => $"_heartbeats/{tokenHash}.json";
    public const string ReconcilerLock = "_locks/reconciler";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
