using System.Text;

namespace FleetOps.Probing.Reports;

/// <summary>The page's head: the run's name, status and times, and its headline numbers as cards.</summary>
internal static class HtmlSummary
{
    public static void Write(StringBuilder sb, ReportHeader header, ReportData data)
    {
        var latency = data.Percentiles;
        sb.Append("<header class=\"top\" id=\"summary\"><div class=\"title\"><h1>").AppendHtml(header.Name).Append("</h1>")
            .Append("<span class=\"badge ").Append(StatusClass(header.Status)).Append("\" id=\"status\">").AppendHtml(header.Status).Append("</span></div>\n")
            .Append("<p class=\"meta\">Run <code>").AppendHtml(header.RunId).Append("</code> · ").AppendHtml(ReportText.Times(header));
        var planned = ReportText.Planned(header, data.Targets);
        if (planned.Length > 0) sb.Append(" · <span class=\"note\">results for ").AppendHtml(ReportText.Count(data.Targets) + planned).Append(" targets</span>");
        sb.Append("</p>\n<div class=\"kpis\">");
        Kpi(sb, "targets", ReportText.Count(data.Targets), "");
        Kpi(sb, "ok", ReportText.Count(data.Ok), "ok");
        Kpi(sb, "failed", ReportText.Count(data.Failed), data.Failed > 0 ? "fail" : "");
        Kpi(sb, "failure rate", ReportText.Percent(data.Failed, data.Targets), data.Failed > 0 ? "fail" : "");
        Kpi(sb, "p50 ms", ReportText.Ms(latency.P50Ms), "");
        Kpi(sb, "p95 ms", ReportText.Ms(latency.P95Ms), "");
        Kpi(sb, "p99 ms", ReportText.Ms(latency.P99Ms), "");
        Kpi(sb, "max ms", ReportText.Ms(latency.MaxMs), "");
        sb.Append("</div></header>\n");
    }

    private static void Kpi(StringBuilder sb, string key, string value, string cssClass) =>
        sb.Append("<div class=\"kpi ").Append(cssClass).Append("\" data-kpi=\"").Append(key).Append("\"><span class=\"v\">").AppendHtml(value)
            .Append("</span><span class=\"k\">").AppendHtml(key).Append("</span></div>");

    /// <summary>Colours the status badge from the words runtimes use ("Completed", "Failed", "Running", "Terminated").</summary>
    private static string StatusClass(string status)
    {
        var s = status.ToLowerInvariant();
        return s.Contains("fail") || s.Contains("error") || s.Contains("terminat") || s.Contains("cancel") ? "bad"
            : s.Contains("complet") || s.Contains("succe") || s.Contains("done") ? "good"
            : s.Contains("run") || s.Contains("pend") || s.Contains("queue") ? "busy"
            : "";
    }
}
