namespace FleetOps.Probing.Reports;

/// <summary>The Markdown report's "changes since the previous sweep" section.</summary>
internal static class MarkdownDiff
{
    public static async Task WriteAsync(ReportBuffer output, SweepDiff diff)
    {
        var sb = output.Text;
        Markdown.Heading(sb, "Changes since the previous sweep");
        sb.Append(DiffSummary(diff)).Append('\n');

        if (diff.NewFailures.Count > 0)
        {
            Markdown.SubHeading(sb, $"New failures ({ReportText.Count(diff.NewFailures.Count)})");
            Markdown.Header(sb, "Target", "Address", "Now");
            foreach (var e in diff.NewFailures)
            {
                Markdown.Row(sb, e.Name, e.Address, e.After);
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
        }
        if (diff.Recoveries.Count > 0)
        {
            Markdown.SubHeading(sb, $"Recoveries ({ReportText.Count(diff.Recoveries.Count)})");
            Markdown.Header(sb, "Target", "Address", "Was");
            foreach (var e in diff.Recoveries)
            {
                Markdown.Row(sb, e.Name, e.Address, e.Before);
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
        }
        if (diff.LatencyRegressions.Count > 0)
        {
            Markdown.SubHeading(sb, $"Latency regressions ({ReportText.Count(diff.LatencyRegressions.Count)})");
            Markdown.Header(sb, "Target", "Address", "Before (ms):", "After (ms):", "Change:");
            foreach (var e in diff.LatencyRegressions)
            {
                Markdown.Row(sb, e.Name, e.Address, ReportText.Ms(e.BeforeMs ?? 0), ReportText.Ms(e.AfterMs ?? 0),
                    ReportText.Change(e.BeforeMs ?? 0, e.AfterMs ?? 0));
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
        }
        await NamesAsync(output, "Added", diff.Added).ConfigureAwait(false);
        await NamesAsync(output, "Removed", diff.Removed).ConfigureAwait(false);
    }

    /// <summary>"2 new failures · 1 recovery · …": the counts in one line, for the top of the section.</summary>
    internal static string DiffSummary(SweepDiff diff) => string.Join(" · ",
        Counted(diff.NewFailures.Count, "new failure", "new failures"),
        Counted(diff.Recoveries.Count, "recovery", "recoveries"),
        Counted(diff.LatencyRegressions.Count, "latency regression", "latency regressions"),
        Counted(diff.Added.Count, "added", "added"),
        Counted(diff.Removed.Count, "removed", "removed"),
        Counted(diff.Unchanged, "unchanged", "unchanged"));

    private static string Counted(int count, string one, string many) => $"{ReportText.Count(count)} {(count == 1 ? one : many)}";

    private static async Task NamesAsync(ReportBuffer output, string title, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return;
        Markdown.SubHeading(output.Text, $"{title} ({ReportText.Count(names.Count)})");
        foreach (var name in names)
        {
            Markdown.ListItem(output.Text, name);
            await output.FlushIfFullAsync().ConfigureAwait(false);
        }
    }
}
