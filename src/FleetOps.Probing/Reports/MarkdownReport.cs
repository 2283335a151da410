using FleetOps.Core.Results;

namespace FleetOps.Probing.Reports;

/// <summary>
/// A sweep report in Markdown, for a PR comment, a ticket or a terminal: the summary, errors by kind, every failing
/// target, the slowest, failed conditions and, given a diff, what changed since the previous sweep.
/// </summary>
public static class MarkdownReport
{
    public static async Task WriteAsync(
        TextWriter writer,
        ReportHeader header,
        IAsyncEnumerable<IReadOnlyList<TargetResult>> batches,
        SweepDiff? diff = null,
        CancellationToken ct = default)
    {
        var data = await ReportData.CollectAsync(batches, rowLimit: int.MaxValue, keepGrid: false, ct).ConfigureAwait(false);
        var output = new ReportBuffer(writer, ct);
        var sb = output.Text;

        WriteSummary(sb, header, data);
        if (diff is not null) await MarkdownDiff.WriteAsync(output, diff).ConfigureAwait(false);
        WriteErrorsByKind(sb, data);
        await WriteFailingAsync(output, data).ConfigureAwait(false);
        WriteSlowest(sb, data);
        await WriteConditionFailuresAsync(output, data).ConfigureAwait(false);
        await output.CompleteAsync().ConfigureAwait(false);
    }

    private static void WriteSummary(System.Text.StringBuilder sb, ReportHeader header, ReportData data)
    {
        var latency = data.Percentiles;
        sb.Append("# Sweep report: ").AppendMd(header.Name).Append("\n\n");
        Markdown.Header(sb, "", "");
        Markdown.Row(sb, "Run", header.RunId);
        Markdown.Row(sb, "Status", header.Status);
        Markdown.Row(sb, "When", ReportText.Times(header));
        Markdown.Row(sb, "Targets", ReportText.Count(data.Targets) + ReportText.Planned(header, data.Targets));
        Markdown.Row(sb, "OK", $"{ReportText.Count(data.Ok)} ({ReportText.Percent(data.Ok, data.Targets)})");
        Markdown.Row(sb, "Failed", $"{ReportText.Count(data.Failed)} ({ReportText.Percent(data.Failed, data.Targets)})");
        Markdown.Row(sb, "Latency p50 / p95 / p99 / max",
            $"{ReportText.Ms(latency.P50Ms)} / {ReportText.Ms(latency.P95Ms)} / {ReportText.Ms(latency.P99Ms)} / {ReportText.Ms(latency.MaxMs)} ms");
        if (data.Targets > 0 && data.Failed == 0) sb.Append("\nAll targets are healthy.\n");
    }

    private static void WriteErrorsByKind(System.Text.StringBuilder sb, ReportData data)
    {
        var kinds = data.ErrorsByKind();
        if (kinds.Count == 0) return;
        Markdown.Heading(sb, "Errors by kind");
        Markdown.Header(sb, "Kind", "Targets:", "Share:", "Example");
        foreach (var kind in kinds)
            Markdown.Row(sb, ReportText.Kind(kind.Kind), ReportText.Count(kind.Count), ReportText.Percent(kind.Count, data.Failed), kind.Example);
    }

    private static async Task WriteFailingAsync(ReportBuffer output, ReportData data)
    {
        if (data.Failing.Count == 0) return;
        Markdown.Heading(output.Text, $"Failing targets ({ReportText.Count(data.Failed)})");
        Markdown.Header(output.Text, "Target", "Group", "Address", "Check", "Error", "Message");
        foreach (var row in data.Failing)
        {
            Markdown.Row(output.Text, row.Name, row.Group, row.Address, row.Check, ReportText.Kind(row.Kind), row.Message);
            await output.FlushIfFullAsync().ConfigureAwait(false);
        }
    }

    private static void WriteSlowest(System.Text.StringBuilder sb, ReportData data)
    {
        var slowest = data.Slowest();
        if (slowest.Count == 0) return;
        Markdown.Heading(sb, $"Slowest targets (top {ReportData.SlowestCount})");
        Markdown.Header(sb, "#:", "Target", "Group", "Address", "Latency (ms):", "Status", "Slowest check");
        var rank = 0;
        foreach (var row in slowest)
            Markdown.Row(sb, (++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), row.Name, row.Group, row.Address,
                ReportText.Ms(row.LatencyMs), row.Ok ? "ok" : "failed",
                row.SlowestCheck is null ? "-" : $"{row.SlowestCheck} ({ReportText.Ms(row.SlowestCheckMs)} ms)");
    }

    private static async Task WriteConditionFailuresAsync(ReportBuffer output, ReportData data)
    {
        if (data.ConditionFailures.Count == 0) return;
        Markdown.Heading(output.Text, $"Condition failures ({ReportText.Count(data.ConditionFailuresTotal)})");
        Markdown.Header(output.Text, "Target", "Check", "Condition", "Actual");
        foreach (var row in data.ConditionFailures)
        {
            Markdown.Row(output.Text, row.Target, row.Check, row.Condition, row.Actual ?? "-");
            await output.FlushIfFullAsync().ConfigureAwait(false);
        }
    }
}
