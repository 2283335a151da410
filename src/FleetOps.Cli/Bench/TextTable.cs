using System.Globalization;
using System.Text;

namespace FleetOps.Cli.Bench;

/// <summary>
/// The benchmark's plain-text tables: they go into docs/benchmarks.md inside code blocks as well as to the console,
/// so they stay plain text (the rest of the CLI draws its tables with Spectre.Console).
/// </summary>
public static class TextTable
{
    public static string Format(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        // Numbers right-aligned, text left-aligned, judged per column from its cells.
        var numeric = header.Select((column, i) => rows.Count > 0 && rows.All(r => r[i].Length == 0 || double.TryParse(r[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))).ToArray();
        void Row(IReadOnlyList<string> cells) =>
            sb.AppendLine("  " + string.Join("  ", cells.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        sb.AppendLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in rows) Row(r);
        return sb.ToString();
    }
}
