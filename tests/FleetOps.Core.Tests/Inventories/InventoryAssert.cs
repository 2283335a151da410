using FleetOps.Core.Inventories;

namespace FleetOps.Core.Tests.Inventories;

internal static class InventoryAssert
{
    public static InventoryHost HostOf(Inventory inventory, string name) =>
        Assert.Single(inventory.Hosts, h => h.Name == name);

    /// <summary>Parsing fails at <paramref name="location"/>, with a message that says so and contains each fragment.</summary>
    public static InventoryFormatException Fails(string text, InventoryFormat format, string location, params string[] fragments)
    {
        var ex = Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse(text, format));
        Assert.Equal(location, ex.Location);
        Assert.StartsWith(location, ex.Message);
        foreach (var fragment in fragments) Assert.Contains(fragment, ex.Message);
        return ex;
    }

    public static void Labels(InventoryHost host, params (string Key, string Value)[] expected)
    {
        var actual = host.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}");
        var wanted = expected.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}");
        Assert.Equal(wanted, actual);
    }
}
