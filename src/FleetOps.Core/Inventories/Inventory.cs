namespace FleetOps.Core.Inventories;

/// <summary>The hosts of a parsed inventory, in the order the file first names them.</summary>
public sealed record Inventory(IReadOnlyList<InventoryHost> Hosts)
{
    private IReadOnlyList<string>? _groupNames;

    public IReadOnlyList<InventoryHost> Hosts
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
            _groupNames = null; // a `with { Hosts = ... }` copy must not keep the old group names
        }
    } = Hosts;

    public static Inventory Empty { get; } = new([]);

    /// <summary>Every group at least one host is in, sorted (ordinal). Groups without hosts do not appear.</summary>
    public IReadOnlyList<string> GroupNames => _groupNames ??= ComputeGroupNames(Hosts);

    public IEnumerable<InventoryHost> Select(Selector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Hosts.Where(selector.Matches);
    }

    // Equality is the hosts list's (as the generated one would be); the group-name cache must not take part.
    public bool Equals(Inventory? other) => other is not null && Equals(Hosts, other.Hosts);

    public override int GetHashCode() => Hosts.GetHashCode();

    private static string[] ComputeGroupNames(IReadOnlyList<InventoryHost> hosts)
    {
        // Hosts of one inventory mostly share their group lists: skip a list already seen (by reference).
        var seenLists = new HashSet<IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var host in hosts)
            if (seenLists.Add(host.Groups))
                names.UnionWith(host.Groups);
        var sorted = names.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
