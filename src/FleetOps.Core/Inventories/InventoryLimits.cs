namespace FleetOps.Core.Inventories;

/// <summary>Bounds that keep a hostile or mistaken inventory from exhausting memory, stack or time.</summary>
internal static class InventoryLimits
{
    /// <summary>Hosts per inventory (ten times the largest sweep), checked before a range is expanded.</summary>
    public const int MaxHosts = 1_000_000;

    /// <summary>Nesting of JSON/YAML collections; deeper is a mistake or an attack on the stack.</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// JSON nodes written when YAML values are turned into JSON (checks, structured Ansible vars). YAML aliases
    /// share nodes, so a small file can name a huge tree ("billion laughs"); this caps the expansion.
    /// </summary>
    public const int MaxJsonNodes = 2_000_000;
}
