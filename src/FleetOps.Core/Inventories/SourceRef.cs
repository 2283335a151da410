namespace FleetOps.Core.Inventories;

/// <summary>Where something was written: "line 12" for INI, a path plus line/column for YAML. 0 = unknown.</summary>
internal readonly record struct SourceRef(string Location, int Line = 0, int Column = 0)
{
    public static SourceRef AtLine(int line) => new($"line {line}", line);

    public static SourceRef Of(string path, DocNode node) => new(path, node.Line, node.Column);

    public static SourceRef Of(string path, DocEntry entry) => new(path, entry.Line, entry.Column);

    public InventoryFormatException Error(string detail) =>
        new(Location, detail, Line > 0 ? Line : null, Column > 0 ? Column : null);
}
