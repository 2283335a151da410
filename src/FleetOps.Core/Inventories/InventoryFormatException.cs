using FleetOps.Core.Contracts;
namespace FleetOps.Core.Inventories;

/// <summary>
/// An inventory that cannot be read. <see cref="Location"/> says where: "line 12" (INI, and JSON/YAML syntax
/// errors), "hosts[3].address" (native, file_sd) or "all.children.web.hosts.web-01" (Ansible YAML).
/// <see cref="Line"/> and <see cref="Column"/> (1-based) are set when the position in the text is known.
/// </summary>
public sealed class InventoryFormatException : FormatException
{
    public InventoryFormatException(string location, string detail, int? line = null, int? column = null, Exception? inner = null)
        : base(Compose(location, detail, line, column), inner)
    {
        Location = location;
        Detail = detail;
        Line = line;
        Column = column;
    }

    public string Location { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>The longest location shown in a message: a path of a few keys, each cut to <see cref="Echo.MaxChars"/>.</summary>
    public const int MaxLocationChars = 160;

    public int? Line { get; }
    public int? Column { get; }

    private static string Compose(string location, string detail, int? line, int? column)
    {
        // Paths hold the file's own keys (each cut as Echo cuts them); the whole path is cut too, however deep.
        var where = location.Length == 0 ? "inventory" : Echo.Cut(location, MaxLocationChars);
        // A path alone is hard to find in a long file: add the line when we know it and the location is not one.
        if (line is { } l && !location.StartsWith("line ", StringComparison.Ordinal))
            where += column is { } c ? $" (line {l}, column {c})" : $" (line {l})";
        return $"{where}: {detail}";
    }
}
