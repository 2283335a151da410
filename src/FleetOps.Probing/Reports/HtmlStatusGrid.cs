using System.Globalization;
using System.Text;

namespace FleetOps.Probing.Reports;

/// <summary>
/// The fleet at a glance: one square per target, one SVG per group, rows wrapping at a fixed width. Green is ok, amber is
/// ok but slower than the sweep's p95, red is failed; each square's tooltip names the target and what went wrong.
/// Squares shrink for large groups so 100k targets stay a scrollable page rather than a very long one.
/// </summary>
internal static class HtmlStatusGrid
{
    private const int RowWidth = 1000;

    public static async Task WriteAsync(ReportBuffer output, ReportData data)
    {
        var sb = output.Text;
        var p95 = data.Percentiles.P95Ms;
        Html.OpenSection(sb, "grid", "Status grid");
        sb.Append("<div class=\"legend\"><span><span class=\"sw ok\"></span>ok</span><span><span class=\"sw slow\"></span>ok, slower than p95 (")
            .AppendHtml(ReportText.Ms(p95)).Append(" ms)</span><span><span class=\"sw fail\"></span>failed</span><span>hover a square for details</span></div>\n");
        sb.Append("<div id=\"status-grid\">\n");
        if (data.Targets == 0) Html.Empty(sb, "No results.");
        foreach (var (group, cells) in data.Grid())
            await WriteGroupAsync(output, group, cells, p95).ConfigureAwait(false);
        sb.Append("</div>\n");
        Html.CloseSection(sb);
    }

    /// <summary>Slow means strictly above p95; compared at the 0.01 ms the percentile is rounded to, so ties are not slow.</summary>
    internal static bool IsSlow(GridCell cell, double p95) => cell.Ok && Math.Round(cell.LatencyMs, 2) > p95;

    private static async Task WriteGroupAsync(ReportBuffer output, string group, List<GridCell> cells, double p95)
    {
        var sb = output.Text;
        int failed = 0, slow = 0;
        foreach (var cell in cells)
        {
            if (!cell.Ok) failed++;
            else if (IsSlow(cell, p95)) slow++;
        }
        var (size, gap) = cells.Count switch { <= 2_000 => (12, 2), <= 20_000 => (8, 2), _ => (5, 1) };
        var pitch = size + gap;
        var columns = Math.Min(cells.Count, RowWidth / pitch);
        var rows = (cells.Count + columns - 1) / columns;
        int width = columns * pitch - gap, height = rows * pitch - gap;

        sb.Append("<div class=\"group\" data-group=\"").AppendHtml(group).Append("\"><h3>").AppendHtml(group)
            .Append(" <span class=\"counts\"><b>").Append(ReportText.Count(cells.Count)).Append("</b> targets · ")
            .Append(ReportText.Count(cells.Count - failed)).Append(" ok");
        if (slow > 0) sb.Append(" · <span class=\"s\">").Append(ReportText.Count(slow)).Append(" slow</span>");
        if (failed > 0) sb.Append(" · <span class=\"f\">").Append(ReportText.Count(failed)).Append(" failed</span>");
        sb.Append("</span></h3>\n")
            .Append("<svg class=\"cells\" data-group=\"").AppendHtml(group)
            .Append(CultureInfo.InvariantCulture, $"\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"")
            .AppendHtml($"{group}: {cells.Count} targets, {failed} failed").Append("\">\n");

        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var state = !cell.Ok ? "fail" : IsSlow(cell, p95) ? "slow" : "ok";
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i % columns * pitch}\" y=\"{i / columns * pitch}\" width=\"{size}\" height=\"{size}\" class=\"{state}\"><title>")
                .AppendHtml(cell.Name).Append(" — ").AppendHtml(cell.Address).Append(" — ");
            if (cell.Ok) sb.Append(state == "slow" ? "ok, slow: " : "ok, ").Append(ReportText.Ms(cell.LatencyMs)).Append(" ms");
            else
                sb.AppendHtml(cell.Check ?? "failed").Append(": ").AppendHtml(ReportText.Kind(cell.Error?.Kind ?? Core.Results.ErrorKind.Other))
                    .Append(": ").AppendHtml(cell.Error?.Message ?? "failed");
            sb.Append("</title></rect>\n");
            await output.FlushIfFullAsync().ConfigureAwait(false);
        }
        sb.Append("</svg></div>\n");
    }
}
