using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

internal enum DocKind { Null, String, Number, Bool, Map, Seq }

/// <summary>A map entry; the key's position is kept so "unknown field" errors can point at the key.</summary>
internal readonly record struct DocEntry(string Key, DocNode Value, int Line, int Column);

/// <summary>
/// One JSON or YAML value, the common tree the JSON and YAML readers build so each inventory format is read once
/// whatever the syntax. <see cref="Line"/>/<see cref="Column"/> are 1-based, 0 when unknown (JSON keeps none).
/// Nodes reached through YAML aliases are shared, never copied.
/// </summary>
internal sealed class DocNode
{
    public static readonly DocNode Null = new(DocKind.Null, "", 0, 0);

    private DocNode(DocKind kind, string text, int line, int column)
    {
        Kind = kind;
        Text = text;
        Line = line;
        Column = column;
    }

    public DocKind Kind { get; }

    /// <summary>A scalar as written ("007", "True"); empty for null, maps and sequences.</summary>
    public string Text { get; }

    public int Line { get; }
    public int Column { get; }

    // Allocated on first use: most nodes are scalars and a large inventory has millions of them.
    public List<DocEntry> Entries => field ??= [];
    public List<DocNode> Items => field ??= [];

    public bool IsScalar => Kind is DocKind.String or DocKind.Number or DocKind.Bool;

    public static DocNode Scalar(DocKind kind, string text, int line = 0, int column = 0) => new(kind, text, line, column);
    public static DocNode Map(int line = 0, int column = 0) => new(DocKind.Map, "", line, column);
    public static DocNode Seq(int line = 0, int column = 0) => new(DocKind.Seq, "", line, column);

    public string Describe() => Kind switch
    {
        DocKind.Map => "a mapping",
        DocKind.Seq => "a list",
        DocKind.Null => "empty",
        _ => Echo.Quote(Text),
    };

    public InventoryFormatException Error(string path, string detail) =>
        new(path, detail, Line > 0 ? Line : null, Column > 0 ? Column : null);

    /// <summary>The entries of a map; null counts as an empty map. Anything else is an error at <paramref name="path"/>.</summary>
    public List<DocEntry> ExpectMap(string path, string what = "a mapping") => Kind switch
    {
        DocKind.Map => Entries,
        DocKind.Null => [],
        _ => throw Error(path, $"must be {what}, not {Describe()}"),
    };

    /// <summary>The items of a list; null counts as an empty list.</summary>
    public List<DocNode> ExpectSeq(string path, string what = "a list") => Kind switch
    {
        DocKind.Seq => Items,
        DocKind.Null => [],
        _ => throw Error(path, $"must be {what}, not {Describe()}"),
    };

    /// <summary>A scalar's text (numbers and booleans as written). Null, maps and lists are errors.</summary>
    public string ExpectScalar(string path, string what = "a string") =>
        IsScalar ? Text : throw Error(path, $"must be {what}, not {Describe()}");

    /// <summary>Path of a map member, dotted even when the key has dots ("all.hosts.web-01.example.com"): easiest to read.</summary>
    public static string Member(string path, string key) => path.Length == 0 || path == "$" ? Echo.Key(key) : $"{path}.{Echo.Key(key)}";

    public static string Index(string path, int index) => $"{path}[{index}]";
}
