namespace FleetOps.Core.Inventories;

/// <summary>
/// A YAML document as JSON text, read by the same reader as YAML inventories: duplicate keys are errors, plain
/// scalars are typed by the YAML 1.2 core schema (so <c>interval: 30s</c> stays a string and <c>3</c> a number),
/// and aliases are bounded. For <c>fleetops apply -f file.yaml</c>, whose items are request bodies.
/// </summary>
public static class YamlJson
{
    /// <exception cref="InventoryFormatException">Not valid YAML; its location names the line.</exception>
    public static string Convert(string yaml) => new DocJson().CompactJson(YamlDocReader.Read(yaml), "");
}
