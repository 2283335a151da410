namespace FleetOps.Core.Inventories;

internal enum SelectorOperator { Equal, NotEqual, In, NotIn, Exists, NotExists }

/// <summary>One comma-separated part of a <see cref="Selector"/>.</summary>
internal sealed class SelectorRequirement(string key, SelectorOperator op, string[] values)
{
    /// <summary>The key matched against the host's groups (and its "group" label) rather than one label.</summary>
    public const string GroupKey = "group";

    public bool Matches(InventoryHost host) => op switch
    {
        SelectorOperator.Equal or SelectorOperator.In => HasValueIn(host),
        SelectorOperator.NotEqual or SelectorOperator.NotIn => !HasValueIn(host),
        SelectorOperator.Exists => HasKey(host),
        SelectorOperator.NotExists => !HasKey(host),
        _ => false,
    };

    private bool HasKey(InventoryHost host) =>
        host.Labels.ContainsKey(key) || (key == GroupKey && host.Groups.Count > 0);

    private bool HasValueIn(InventoryHost host)
    {
        if (host.Labels.TryGetValue(key, out var label) && Array.IndexOf(values, label) >= 0) return true;
        if (key != GroupKey) return false;
        foreach (var group in host.Groups)
            if (Array.IndexOf(values, group) >= 0) return true;
        return false;
    }

    public override string ToString() => op switch
    {
        SelectorOperator.Equal => $"{key}={Quote(values[0])}",
        SelectorOperator.NotEqual => $"{key}!={Quote(values[0])}",
        SelectorOperator.In => $"{key} in ({string.Join(",", values.Select(Quote))})",
        SelectorOperator.NotIn => $"{key} notin ({string.Join(",", values.Select(Quote))})",
        SelectorOperator.Exists => key,
        _ => "!" + key,
    };

    private static string Quote(string value) =>
        value.Length > 0 && value.All(SelectorParser.IsBareValueChar)
            ? value
            : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
