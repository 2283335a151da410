using FleetOps.Core.Results;

namespace FleetOps.Probing.Reports;

/// <summary>
/// A sweep report as one self-contained HTML page: inline CSS and SVG, no external assets, readable without JavaScript.
/// Summary cards, the fleet's status grid by group, an optional diff, the latency histogram and the tables a person
/// looks at next (errors by kind, failing targets, failed conditions, slowest targets).
/// </summary>
public static class HtmlReport
{
    /// <summary>
    /// The most rows a table shows; its caption says how many there were. Past this a table is no longer read, only
    /// scrolled, and the grid still shows every target (the Markdown report lists every failure).
    /// </summary>
    public const int MaxTableRows = 1_000;

    public static async Task WriteAsync(
        TextWriter writer,
        ReportHeader header,
        IAsyncEnumerable<IReadOnlyList<TargetResult>> batches,
        SweepDiff? diff = null,
        CancellationToken ct = default)
    {
        var data = await ReportData.CollectAsync(batches, MaxTableRows, keepGrid: true, ct).ConfigureAwait(false);
        var output = new ReportBuffer(writer, ct);
        var sb = output.Text;

        HtmlPage.Open(sb, header);
        HtmlSummary.Write(sb, header, data);
        HtmlPage.Nav(sb, diff is not null);
        await HtmlStatusGrid.WriteAsync(output, data).ConfigureAwait(false);
        if (diff is not null) await HtmlDiff.WriteAsync(output, diff).ConfigureAwait(false);
        HtmlHistogram.Write(sb, data);
        HtmlTables.ErrorsByKind(sb, data);
        await HtmlTables.FailingAsync(output, data).ConfigureAwait(false);
        await HtmlTables.ConditionFailuresAsync(output, data).ConfigureAwait(false);
        HtmlTables.Slowest(sb, data);
        HtmlPage.Close(sb, header);
        await output.CompleteAsync().ConfigureAwait(false);
    }
}
