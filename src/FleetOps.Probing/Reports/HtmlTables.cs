using System.Globalization;
using System.Text;
using static FleetOps.Probing.Reports.Html;

namespace FleetOps.Probing.Reports;

/// <summary>The report's tables: errors by kind, failing targets, failed conditions, slowest targets.</summary>
internal static class HtmlTables
{
    public static void ErrorsByKind(StringBuilder sb, ReportData data)
    {
        OpenSection(sb, "errors", "Errors by kind");
        var kinds = data.ErrorsByKind();
        if (kinds.Count == 0) Empty(sb, "No errors.");
        else
        {
            OpenTable(sb, "errors-by-kind", $"{ReportText.Count(data.Failed)} failed targets by the kind of their first error",
                kinds.Count, kinds.Count, new Column("Kind"), new Column("Targets", Numeric: true), new Column("Share", Numeric: true), new Column("Example"));
            foreach (var kind in kinds)
            {
                var share = data.Failed == 0 ? 0 : (double)kind.Count / data.Failed;
                sb.Append("<tr><td><span class=\"kind\">").AppendHtml(ReportText.Kind(kind.Kind)).Append("</span></td>")
                    .TdNum(kind.Count, ReportText.Count(kind.Count))
                    .Append("<td class=\"num\" data-v=\"").Append(ReportText.Raw(share)).Append("\">")
                    .Append(CultureInfo.InvariantCulture, $"<svg class=\"share\" width=\"80\" height=\"8\"><rect class=\"track\" width=\"80\" height=\"8\" rx=\"2\"/><rect class=\"fill\" width=\"{Math.Max(1, 80 * share):0.#}\" height=\"8\" rx=\"2\"/></svg> ")
                    .AppendHtml(ReportText.Percent(kind.Count, data.Failed)).Append("</td>")
                    .Td(kind.Example).Append("</tr>\n");
            }
            CloseTable(sb);
        }
        CloseSection(sb);
    }

    public static async Task FailingAsync(ReportBuffer output, ReportData data)
    {
        var sb = output.Text;
        OpenSection(sb, "failing", "Failing targets");
        if (data.Failed == 0) Empty(sb, data.Targets == 0 ? "No results." : "No failing targets.");
        else
        {
            OpenTable(sb, "failing", $"{ReportText.Count(data.Failed)} failing targets", data.Failing.Count, data.Failed,
                new Column("Target"), new Column("Group"), new Column("Address"), new Column("Check"), new Column("Error"), new Column("Message"),
                new Column("Latency (ms)", Numeric: true));
            foreach (var row in data.Failing)
            {
                sb.Append("<tr>").Td(row.Name).Td(row.Group).Td(row.Address).Td(row.Check)
                    .Append("<td><span class=\"kind\">").AppendHtml(ReportText.Kind(row.Kind)).Append("</span></td>")
                    .Td(row.Message, "msg").TdNum(row.LatencyMs, ReportText.Ms(row.LatencyMs)).Append("</tr>\n");
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
            CloseTable(sb);
        }
        CloseSection(sb);
    }

    public static async Task ConditionFailuresAsync(ReportBuffer output, ReportData data)
    {
        var sb = output.Text;
        OpenSection(sb, "conditions", "Condition failures");
        if (data.ConditionFailuresTotal == 0) Empty(sb, "No failed conditions.");
        else
        {
            OpenTable(sb, "condition-failures", $"{ReportText.Count(data.ConditionFailuresTotal)} conditions that did not hold",
                data.ConditionFailures.Count, data.ConditionFailuresTotal, new Column("Target"), new Column("Check"), new Column("Condition"), new Column("Actual"));
            foreach (var row in data.ConditionFailures)
            {
                sb.Append("<tr>").Td(row.Target).Td(row.Check)
                    .Append("<td><code>").AppendHtml(row.Condition).Append("</code></td><td class=\"msg\">");
                if (row.Actual is null) sb.Append("<span class=\"note\">-</span>");
                else sb.Append("<code>").AppendHtml(row.Actual).Append("</code>");
                sb.Append("</td></tr>\n");
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
            CloseTable(sb);
        }
        CloseSection(sb);
    }

    public static void Slowest(StringBuilder sb, ReportData data)
    {
        OpenSection(sb, "slowest", $"Slowest targets (top {ReportData.SlowestCount})");
        var slowest = data.Slowest();
        if (slowest.Count == 0) Empty(sb, "No results.");
        else
        {
            OpenTable(sb, "slowest", $"the {slowest.Count} slowest of {ReportText.Count(data.Targets)} targets", slowest.Count, slowest.Count,
                new Column("#", Numeric: true), new Column("Target"), new Column("Group"), new Column("Address"), new Column("Latency (ms)", Numeric: true),
                new Column("Status"), new Column("Slowest check"));
            var rank = 0;
            foreach (var row in slowest)
            {
                rank++;
                sb.Append("<tr>").TdNum(rank, rank.ToString(CultureInfo.InvariantCulture)).Td(row.Name).Td(row.Group).Td(row.Address)
                    .TdNum(row.LatencyMs, ReportText.Ms(row.LatencyMs))
                    .Td(row.Ok ? "ok" : "failed", row.Ok ? "state-ok" : "state-failed")
                    .Td(row.SlowestCheck is null ? "-" : $"{row.SlowestCheck} ({ReportText.Ms(row.SlowestCheckMs)} ms)").Append("</tr>\n");
            }
            CloseTable(sb);
        }
        CloseSection(sb);
    }
}
