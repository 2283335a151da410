using System.Text.Json.Serialization;

namespace FleetOps.Core.Results;

/// <summary>A target's row in the report: healthy only when every check passed.</summary>
public sealed record TargetResult(
    string Name,
    string Address,
    bool Ok,
    double LatencyMs,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>The first failing check's error, the one a report shows for this target.</summary>
    [JsonIgnore]
    public ProbeError? Error => Checks.FirstOrDefault(c => !c.Ok)?.Error;
}
