namespace FleetOps.Core.Inventories;

/// <summary>
/// Picks hosts by labels and groups, Kubernetes label-selector style. Requirements are separated by commas and
/// all must hold: <c>group=web,zone!=b</c>, <c>env in (prod,staging)</c>, <c>env notin (dev)</c>, <c>tier</c>
/// (label present), <c>!tier</c> (label absent). The key <c>group</c> is matched against every group the host
/// is in (ancestors too) as well as its <c>group</c> label. As in Kubernetes, <c>!=</c> and <c>notin</c> also
/// match hosts without the label. Keys and values compare ordinally (case matters). Empty text selects all.
/// </summary>
public sealed record Selector
{
    private readonly SelectorRequirement[] _requirements;

    internal Selector(SelectorRequirement[] requirements) => _requirements = requirements;

    public static Selector All { get; } = new([]);

    /// <summary>Throws <see cref="FormatException"/> naming the 1-based position and what was expected there.</summary>
    public static Selector Parse(string text) => SelectorParser.Parse(text);

    public bool IsAll => _requirements.Length == 0;

    public bool Matches(InventoryHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var requirement in _requirements)
            if (!requirement.Matches(host)) return false;
        return true;
    }

    /// <summary>The canonical text: parsing it gives an equal selector.</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    // Two selectors are equal when they say the same thing in the same order.
    public bool Equals(Selector? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
