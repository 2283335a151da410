using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;

namespace FleetOps.Workflows.Inventories;

/// <summary>Inventory names are blob names and URL segments: the same safe alphabet as run ids.</summary>
public static class InventoryNames
{
    public static string? Check(string name) => RequestIds.Check(name);
}

/// <summary>The wire names of <see cref="InventoryFormat"/>: native, file-sd, ansible-ini, ansible-yaml.</summary>
public static class InventoryFormats
{
    public static readonly IReadOnlyDictionary<string, InventoryFormat> ByName = new Dictionary<string, InventoryFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["native"] = InventoryFormat.Native,
        ["file-sd"] = InventoryFormat.FileSd,
        ["ansible-ini"] = InventoryFormat.AnsibleIni,
        ["ansible-yaml"] = InventoryFormat.AnsibleYaml,
    };

    public static InventoryFormat Parse(string text) =>
        ByName.TryGetValue(text, out var format) ? format : throw new FormatException($"{Echo.Quote(text)} is not one of {string.Join(", ", ByName.Keys)}");

    public static string Name(InventoryFormat format) => ByName.First(kv => kv.Value == format).Key;
}
