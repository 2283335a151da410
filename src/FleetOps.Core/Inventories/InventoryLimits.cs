namespace FleetOps.Core.Inventories;

/// <summary>
/// Bounds that keep a hostile or mistaken inventory from exhausting memory, stack or time (README "Inventories").
/// Each is checked before the work it bounds is done (a range's size is computed before it is expanded), so parsing
/// costs time linear in the text plus at most these amounts; going over is an error that names the line or path.
/// </summary>
internal static class InventoryLimits
{
    /// <summary>Distinct hosts per inventory: the largest sweep a stored inventory may feed.</summary>
    public const int MaxHosts = 1_000_000;

    /// <summary>
    /// Host entries after ranges are expanded, a host counting once for every group it is listed in:
    /// <c>w[1:1000][1:1000]</c> is a million entries however short the line.
    /// </summary>
    public const int MaxHostEntries = 4_000_000;

    /// <summary>Groups per inventory (Ansible formats; native groups are bounded by the text).</summary>
    public const int MaxGroups = 100_000;

    /// <summary>Ansible <c>children</c> nesting below <c>all</c>.</summary>
    public const int MaxGroupDepth = 100;

    /// <summary>
    /// What hosts inherit, summed over all hosts: each host counts its groups (ancestors included), its labels
    /// (each group's labels counted again for every host in it) and its checks, and resolving a group combination
    /// counts the groups and children links it walks. This is the size of the parsed inventory, however small the text.
    /// </summary>
    public const int MaxInheritedValues = 20_000_000;

    /// <summary>Nesting of JSON/YAML collections; deeper is a mistake or an attack on the stack.</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// YAML values (keys, scalars, lists, maps) counted as if every alias were a copy of its anchor: a few lines of
    /// nested aliases name billions of values ("billion laughs"). No YAML of 16 MiB without aliases comes close.
    /// </summary>
    public const int MaxYamlNodes = 10_000_000;

    /// <summary>
    /// JSON nodes written when YAML values are turned into JSON (checks, structured Ansible vars). YAML aliases
    /// share nodes, so a small file can name a huge tree ("billion laughs"); this caps the expansion.
    /// </summary>
    public const int MaxJsonNodes = 2_000_000;
}
