using System.Globalization;
using System.Text;

namespace FleetOps.Probing.Reports;

/// <summary>HTML building blocks. Every piece of user data goes through <see cref="AppendHtml"/>, in content and attributes alike.</summary>
internal static class Html
{
    /// <summary>Appends text escaped for element content and quoted attribute values (also inside inline SVG).</summary>
    public static StringBuilder AppendHtml(this StringBuilder sb, string? text)
    {
        foreach (var c in text ?? "")
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                // Control characters are invalid in HTML; a message from a wire protocol may carry them.
                case < ' ' and not ('\n' or '\r' or '\t'): sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb;
    }

    public static StringBuilder Num(this StringBuilder sb, double value) => sb.Append(value.ToString("0.##", CultureInfo.InvariantCulture));

    /// <summary>A column of a table: its title and whether it holds numbers (right-aligned, sorted numerically).</summary>
    public readonly record struct Column(string Title, bool Numeric = false);

    /// <summary>
    /// Opens a sortable table with a caption saying how many rows it has, or how many of how many when
    /// <paramref name="shown"/> &lt; <paramref name="total"/> (the page shows at most <see cref="HtmlReport.MaxTableRows"/>).
    /// </summary>
    public static void OpenTable(StringBuilder sb, string id, string caption, int shown, long total, params ReadOnlySpan<Column> columns)
    {
        sb.Append("<div class=\"scroll\"><table class=\"sortable\" id=\"").Append(id).Append("\"><caption>").AppendHtml(caption);
        if (shown < total) sb.Append(" — first ").Append(ReportText.Count(shown)).Append(" of ").Append(ReportText.Count(total));
        sb.Append("</caption><thead><tr>");
        foreach (var column in columns)
            sb.Append(column.Numeric ? "<th class=\"num\">" : "<th>").AppendHtml(column.Title).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
    }

    public static void CloseTable(StringBuilder sb) => sb.Append("</tbody></table></div>\n");

    public static StringBuilder Td(this StringBuilder sb, string? text, string? cssClass = null)
    {
        sb.Append(cssClass is null ? "<td>" : $"<td class=\"{cssClass}\">");
        return sb.AppendHtml(text).Append("</td>");
    }

    /// <summary>A number cell: shown formatted, sorted by its exact value.</summary>
    public static StringBuilder TdNum(this StringBuilder sb, double value, string display) =>
        sb.Append("<td class=\"num\" data-v=\"").Append(ReportText.Raw(value)).Append("\">").AppendHtml(display).Append("</td>");

    public static void Empty(StringBuilder sb, string message) => sb.Append("<p class=\"empty\">").AppendHtml(message).Append("</p>\n");

    public static void OpenSection(StringBuilder sb, string id, string title) =>
        sb.Append("<section id=\"sec-").Append(id).Append("\"><h2>").AppendHtml(title).Append("</h2>\n");

    public static void CloseSection(StringBuilder sb) => sb.Append("</section>\n");
}
