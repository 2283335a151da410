using System.Text;
using static FleetOps.Probing.Reports.Html;

namespace FleetOps.Probing.Reports;

/// <summary>The "changes since the previous sweep" section: counts as chips, then one table per kind of change.</summary>
internal static class HtmlDiff
{
    public static async Task WriteAsync(ReportBuffer output, SweepDiff diff)
    {
        var sb = output.Text;
        sb.Append("<section id=\"sec-diff\"><h2>Changes since the previous sweep</h2>\n<div id=\"diff\">\n<div class=\"chips\">");
        Chip(sb, diff.NewFailures.Count, "new failures", "bad");
        Chip(sb, diff.Recoveries.Count, "recoveries", "good");
        Chip(sb, diff.LatencyRegressions.Count, "latency regressions", "warn");
        Chip(sb, diff.Added.Count, "added", "");
        Chip(sb, diff.Removed.Count, "removed", "");
        Chip(sb, diff.Unchanged, "unchanged", "");
        sb.Append("</div>\n");

        if (diff.NewFailures.Count > 0)
        {
            SubHeading(sb, "New failures", diff.NewFailures.Count);
            OpenTable(sb, "diff-new-failures", "ok before, failing now", Shown(diff.NewFailures), diff.NewFailures.Count,
                new Column("Target"), new Column("Address"), new Column("Now"), new Column("Latency (ms)", Numeric: true));
            foreach (var e in diff.NewFailures.Take(HtmlReport.MaxTableRows))
            {
                sb.Append("<tr>").Td(e.Name).Td(e.Address).Td(e.After, "msg").TdNum(e.AfterMs ?? 0, ReportText.Ms(e.AfterMs ?? 0)).Append("</tr>\n");
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
            CloseTable(sb);
        }
        if (diff.Recoveries.Count > 0)
        {
            SubHeading(sb, "Recoveries", diff.Recoveries.Count);
            OpenTable(sb, "diff-recoveries", "failing before, ok now", Shown(diff.Recoveries), diff.Recoveries.Count,
                new Column("Target"), new Column("Address"), new Column("Was"), new Column("Latency (ms)", Numeric: true));
            foreach (var e in diff.Recoveries.Take(HtmlReport.MaxTableRows))
            {
                sb.Append("<tr>").Td(e.Name).Td(e.Address).Td(e.Before, "msg").TdNum(e.AfterMs ?? 0, ReportText.Ms(e.AfterMs ?? 0)).Append("</tr>\n");
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
            CloseTable(sb);
        }
        if (diff.LatencyRegressions.Count > 0)
        {
            SubHeading(sb, "Latency regressions", diff.LatencyRegressions.Count);
            OpenTable(sb, "diff-regressions", "ok both times, markedly slower now", Shown(diff.LatencyRegressions),
                diff.LatencyRegressions.Count, new Column("Target"), new Column("Address"), new Column("Before (ms)", Numeric: true),
                new Column("After (ms)", Numeric: true), new Column("Change", Numeric: true));
            foreach (var e in diff.LatencyRegressions.Take(HtmlReport.MaxTableRows))
            {
                double before = e.BeforeMs ?? 0, after = e.AfterMs ?? 0;
                sb.Append("<tr>").Td(e.Name).Td(e.Address).TdNum(before, ReportText.Ms(before)).TdNum(after, ReportText.Ms(after))
                    .TdNum(after - before, ReportText.Change(before, after)).Append("</tr>\n");
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
            CloseTable(sb);
        }
        await NamesAsync(output, "diff-added", "Added", diff.Added).ConfigureAwait(false);
        await NamesAsync(output, "diff-removed", "Removed", diff.Removed).ConfigureAwait(false);
        sb.Append("</div></section>\n");
    }

    private static void SubHeading(StringBuilder sb, string title, int count) =>
        sb.Append("<h3>").Append(title).Append(" <span class=\"counts\">").Append(ReportText.Count(count)).Append("</span></h3>\n");

    private static int Shown<T>(IReadOnlyList<T> rows) => Math.Min(rows.Count, HtmlReport.MaxTableRows);

    private static void Chip(StringBuilder sb, int count, string label, string cssClass) =>
        sb.Append("<span class=\"chip ").Append(count > 0 ? cssClass : "").Append("\"><b>").Append(ReportText.Count(count)).Append("</b> ")
            .Append(label).Append("</span>");

    private static async Task NamesAsync(ReportBuffer output, string id, string title, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return;
        var sb = output.Text;
        SubHeading(sb, title, names.Count);
        if (names.Count > HtmlReport.MaxTableRows) Empty(sb, $"first {ReportText.Count(HtmlReport.MaxTableRows)} of {ReportText.Count(names.Count)}");
        sb.Append("<ul class=\"names\" id=\"").Append(id).Append("\">");
        foreach (var name in names.Take(HtmlReport.MaxTableRows))
        {
            sb.Append("<li>").AppendHtml(name).Append("</li>");
            await output.FlushIfFullAsync().ConfigureAwait(false);
        }
        sb.Append("</ul>\n");
    }
}
