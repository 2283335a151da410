using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Core.Monitors;

/// <summary>
/// Stable ids. An alert id names one change of one target's state (monitor, target, the cycle of the change, the new
/// state), so whoever plans or re-plans that alert, however often, gets the same id: it is the delivery record's key
/// and the <c>Idempotency-Key</c> receivers see. An incident key names the monitor/target pair across its changes
/// (PagerDuty's <c>dedup_key</c>), so a trigger and its resolve meet.
/// </summary>
public static class AlertIds
{
    /// <summary>PagerDuty's limit for <c>dedup_key</c>.</summary>
    public const int MaxIncidentKeyLength = 255;

    public static string ForChange(string monitor, string target, long cycle, MonitorState state) =>
        Hash("change", monitor, target, cycle.ToString(System.Globalization.CultureInfo.InvariantCulture), Name(state));

    /// <summary>The n-th reminder (1, 2, ...) that the change <paramref name="alertId"/> still holds.</summary>
    public static string ForReminder(string alertId, long n) =>
        Hash("reminder", alertId, n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A rollout's event: its run, the state it reached, and the wave (a rollout waits for approval once per wave).</summary>
    public static string ForRollout(string runId, string state, int wave) =>
        Hash("rollout", runId, state, wave.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string IncidentKey(string monitor, string target)
    {
        var key = $"fleetops/{monitor}/{target}";
        // A long target name is hashed; monitor names are at most 100 characters, so this fits.
        return key.Length <= MaxIncidentKeyLength ? key : $"fleetops/{monitor}/{Hash("incident", monitor, target)}";
    }

    public static string RolloutIncidentKey(string runId) => $"fleetops/rollout/{runId}";

    public static string Name(MonitorState state) => state.ToString().ToLowerInvariant();

    /// <summary>128 bits of SHA-256 over length-prefixed parts (so ("a/b", "c") and ("a", "b/c") differ), as 32 hex digits.</summary>
    private static string Hash(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part.Length).Append(':').Append(part).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
