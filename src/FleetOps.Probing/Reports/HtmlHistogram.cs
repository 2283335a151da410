using System.Globalization;
using System.Text;

namespace FleetOps.Probing.Reports;

/// <summary>
/// Latency distribution as an inline SVG bar chart over <see cref="LatencyBuckets"/>: one bar per non-empty bucket,
/// failed targets stacked in red on top of healthy ones, count above each bar, ms on the x axis.
/// </summary>
internal static class HtmlHistogram
{
    private const int Width = 1000, Height = 280, Left = 56, Right = 16, Top = 20, Bottom = 46;
    private const int MinBuckets = 8; // a fleet that all answers in 1-2 ms still gets an axis, not one wall-wide bar

    public static void Write(StringBuilder sb, ReportData data)
    {
        Html.OpenSection(sb, "latency", "Latency histogram");
        if (data.Targets == 0)
        {
            Html.Empty(sb, "No latencies to show.");
            Html.CloseSection(sb);
            return;
        }
        sb.Append("<div class=\"legend\"><span><span class=\"sw bar\"></span>ok</span><span><span class=\"sw fail\"></span>failed</span></div>\n");

        var (first, last) = Range(data);
        var buckets = last - first + 1;
        long peak = 0;
        for (var i = first; i <= last; i++) peak = Math.Max(peak, data.BucketOk[i] + data.BucketFailed[i]);
        var scaleMax = NiceCeiling(peak);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom, slot = plotWidth / buckets;

        sb.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" id=\"latency-histogram\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Latency histogram of {data.Targets} targets\">\n");
        for (var t = 0; t <= 4; t++) // horizontal grid lines with counts
        {
            var y = Top + plotHeight - plotHeight * t / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{ReportText.Count(scaleMax * t / 4)}</text>\n");
        }
        for (var i = first; i <= last; i++) WriteBar(sb, data, i, Left + (i - first) * slot, slot, plotHeight, scaleMax);
        for (var k = first; k <= last + 1; k++) // bucket boundaries: the upper bound of the bucket before each
        {
            var label = k == 0 ? "0" : k - 1 < LatencyBuckets.UpperBounds.Length ? LatencyBuckets.Tick(LatencyBuckets.UpperBounds[k - 1]) : "";
            var x = Left + (k - first) * slot;
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight + 5}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{label}</text>\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth / 2:0.#}\" y=\"{Height - 6}\" text-anchor=\"middle\">latency (ms)</text>\n")
            .Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(14 {Top + plotHeight / 2:0.#}) rotate(-90)\" text-anchor=\"middle\">targets</text>\n")
            .Append("</svg>\n");
        Html.CloseSection(sb);
    }

    private static void WriteBar(StringBuilder sb, ReportData data, int bucket, double x, double slot, double plotHeight, long scaleMax)
    {
        long ok = data.BucketOk[bucket], failed = data.BucketFailed[bucket], total = ok + failed;
        if (total == 0) return;
        var gap = Math.Min(6, slot * 0.15);
        double barX = x + gap / 2, barWidth = slot - gap, baseline = Top + plotHeight;
        double okHeight = plotHeight * ok / scaleMax, failedHeight = plotHeight * failed / scaleMax;
        // A bucket of one target among 100k still shows as a sliver.
        if (ok > 0) okHeight = Math.Max(okHeight, 1);
        if (failed > 0) failedHeight = Math.Max(failedHeight, 1);

        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-count=\"{total}\" data-failed=\"{failed}\"><title>")
            .AppendHtml($"{LatencyBuckets.Range(bucket)}: {ReportText.Count(total)} targets ({ReportText.Count(failed)} failed)").Append("</title>");
        if (ok > 0)
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar-ok\" x=\"{barX:0.##}\" y=\"{baseline - okHeight:0.##}\" width=\"{barWidth:0.##}\" height=\"{okHeight:0.##}\"/>");
        if (failed > 0)
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar-failed\" x=\"{barX:0.##}\" y=\"{baseline - okHeight - failedHeight:0.##}\" width=\"{barWidth:0.##}\" height=\"{failedHeight:0.##}\"/>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text class=\"label\" x=\"{x + slot / 2:0.##}\" y=\"{baseline - okHeight - failedHeight - 4:0.##}\" text-anchor=\"middle\">{ReportText.Count(total)}</text></g>\n");
    }

    /// <summary>The non-empty buckets, widened to at least <see cref="MinBuckets"/> so the axis has context.</summary>
    private static (int First, int Last) Range(ReportData data)
    {
        int first = -1, last = -1;
        for (var i = 0; i < LatencyBuckets.Count; i++)
        {
            if (data.BucketOk[i] + data.BucketFailed[i] == 0) continue;
            if (first < 0) first = i;
            last = i;
        }
        while (last - first + 1 < MinBuckets)
        {
            if (last < LatencyBuckets.Count - 1) last++;
            if (last - first + 1 < MinBuckets && first > 0) first--;
        }
        return (first, last);
    }

    /// <summary>The y axis's top: four times a round step (1, 2, 2.5 or 5 × 10^k), so each quarter line is a whole count.</summary>
    private static long NiceCeiling(long peak)
    {
        var quarter = peak / 4.0;
        if (quarter <= 1) return 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(quarter)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            var candidate = step * magnitude;
            if (candidate >= quarter && candidate == Math.Floor(candidate)) return 4 * (long)candidate;
        }
        return 40 * (long)magnitude;
    }
}
