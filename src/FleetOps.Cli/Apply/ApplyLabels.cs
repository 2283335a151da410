using FleetOps.Core.Monitors;

namespace FleetOps.Cli.Apply;

/// <summary>
/// How <c>fleetops apply</c> marks what it owns, in each item's <c>labels</c>: <see cref="ManagedBy"/> = <c>apply</c>
/// and <see cref="SetKey"/> = the file's set. Only items with both (this set) are ever changed without
/// <c>--adopt</c>, or removed. A notifier with inline secrets also carries <see cref="SecretsHash"/>.
/// </summary>
internal static class ApplyLabels
{
    public const string ManagedBy = "app.fleetops/managed-by";
    public const string ManagedByApply = "apply";
    public const string SetKey = "app.fleetops/apply-set";
    public const string SecretsHash = "app.fleetops/secrets-hash";

    public static readonly string[] Reserved = [ManagedBy, SetKey, SecretsHash];

    /// <summary>Who owns an item, by its labels.</summary>
    public enum Owner { None, ThisSet, OtherSet }

    public static Owner OwnerOf(IReadOnlyDictionary<string, string>? labels, string set) =>
        labels is null || !labels.TryGetValue(ManagedBy, out var by) || by != ManagedByApply ? Owner.None
        : labels.TryGetValue(SetKey, out var s) && s == set ? Owner.ThisSet
        : Owner.OtherSet;

    /// <summary>The set is a label value: not empty, at most the label value length.</summary>
    public static string? SetProblem(string set) =>
        set.Length is 0 or > MonitorLimits.MaxLabelValueLength || set.Any(char.IsControl)
            ? $"'{set}' is not a set name: 1 to {MonitorLimits.MaxLabelValueLength} characters"
            : null;

    /// <summary>The user's labels plus the ownership marks.</summary>
    public static Dictionary<string, string> Marked(IReadOnlyDictionary<string, string>? labels, string set)
    {
        var marked = labels is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(labels, StringComparer.Ordinal);
        marked[ManagedBy] = ManagedByApply;
        marked[SetKey] = set;
        return marked;
    }
}
