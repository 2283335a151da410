using System.Text;

namespace FleetOps.Probing.Reports;

/// <summary>Markdown (GitHub-flavoured) building blocks. Every piece of user data goes through <see cref="AppendMd"/>.</summary>
internal static class Markdown
{
    // ASCII punctuation that could start emphasis, code, links, inline HTML, entities or end a table cell.
    private const string Special = "\\`*_[]<>|~&#!";

    /// <summary>Appends text literally: special characters backslash-escaped, line breaks folded so a row stays a row.</summary>
    public static StringBuilder AppendMd(this StringBuilder sb, string? text)
    {
        foreach (var c in text ?? "")
        {
            if (c is '\r' or '\n') sb.Append(' ');
            else if (Special.Contains(c)) sb.Append('\\').Append(c);
            else sb.Append(c);
        }
        return sb;
    }

    /// <summary>A table's header and separator; a title ending in ':' is a right-aligned (numeric) column.</summary>
    public static void Header(StringBuilder sb, params ReadOnlySpan<string> titles)
    {
        foreach (var title in titles) sb.Append("| ").AppendMd(title.TrimEnd(':')).Append(' ');
        sb.Append("|\n");
        foreach (var title in titles) sb.Append(title.EndsWith(':') ? "| ---: " : "| --- ");
        sb.Append("|\n");
    }

    public static void Row(StringBuilder sb, params ReadOnlySpan<string?> cells)
    {
        foreach (var cell in cells) sb.Append("| ").AppendMd(cell).Append(' ');
        sb.Append("|\n");
    }

    /// <summary>A bullet whose text cannot open a nested list: a marker ("-", "+", "1.", "2)") then a space is escaped.</summary>
    public static void ListItem(StringBuilder sb, string text)
    {
        sb.Append("- ");
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        var marker = digits; // where a list marker's punctuation would be: "1." → 1, "- " → 0
        var isMarker = marker < text.Length
            && (digits > 0 ? text[marker] is '.' or ')' : text[marker] is '-' or '+')
            && (marker + 1 == text.Length || text[marker + 1] is ' ' or '\t');
        if (isMarker)
        {
            sb.Append(text, 0, marker).Append('\\');
            text = text[marker..];
        }
        sb.AppendMd(text).Append('\n');
    }

    public static void Heading(StringBuilder sb, string heading) => sb.Append("\n## ").AppendMd(heading).Append("\n\n");

    public static void SubHeading(StringBuilder sb, string heading) => sb.Append("\n### ").AppendMd(heading).Append("\n\n");
}
