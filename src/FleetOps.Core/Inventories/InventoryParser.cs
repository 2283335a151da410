namespace FleetOps.Core.Inventories;

/// <summary>Reads inventories in any <see cref="InventoryFormat"/>. A leading BOM and Windows line endings are fine.</summary>
public static class InventoryParser
{
    /// <summary>
    /// Parses <paramref name="text"/> as <paramref name="format"/>. Empty text (or only comments) is an empty
    /// inventory. Throws <see cref="InventoryFormatException"/> with the location of the first problem.
    /// </summary>
    public static Inventory Parse(string text, InventoryFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = WithoutBom(text);
        return format switch
        {
            // JSON is told apart by its first character, as Detect does; everything else is YAML.
            InventoryFormat.Native => NativeInventoryReader.Read(StartsWith(text, '{') ? JsonDocReader.Read(text) : YamlDocReader.Read(text)),
            // file_sd is JSON in practice; Prometheus also takes the same list in YAML, so we do too.
            InventoryFormat.FileSd => FileSdReader.Read(StartsWith(text, '[') ? JsonDocReader.Read(text) : YamlDocReader.Read(text)),
            InventoryFormat.AnsibleIni => AnsibleIniReader.Read(text),
            // JSON is YAML, so an Ansible inventory written as JSON reads here too.
            InventoryFormat.AnsibleYaml => AnsibleYamlReader.Read(YamlDocReader.Read(text)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown inventory format"),
        };
    }

    /// <summary>
    /// Which format <paramref name="text"/> is in: the file extension picks the family (.ini; .json; .yml/.yaml),
    /// the content decides within it and when there is no known extension. Empty text is <see cref="InventoryFormat.Native"/>.
    /// Throws <see cref="InventoryFormatException"/> when the content looks like no inventory format.
    /// </summary>
    public static InventoryFormat Detect(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return InventoryFormatDetector.Detect(WithoutBom(text), fileName);
    }

    internal static string WithoutBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    internal static bool StartsWith(string text, char c)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] == c;
    }
}
