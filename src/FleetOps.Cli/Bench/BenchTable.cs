using System.Globalization;
using System.Text;

namespace FleetOps.Cli.Bench;

/// <summary>The benchmark's table: targets/s and the ratios to the raw prober and to blackbox_exporter, measured in the same run.</summary>
public static class BenchTable
{
    public static string Console(IReadOnlyList<BenchResult> results) =>
        TextTable.Format(["targets", "design", "seconds", "targets/s", "vs raw", "vs blackbox", "ok", "notes"], Rows(results));

    public static string Markdown(IReadOnlyList<BenchResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| targets | design | seconds | targets/s | vs raw | vs blackbox | ok | notes |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in Rows(results)) sb.AppendLine("| " + string.Join(" | ", r) + " |");
        return sb.ToString();
    }

    private static List<string[]> Rows(IReadOnlyList<BenchResult> results) => results.Select(r => new[]
    {
        r.Targets.ToString(CultureInfo.InvariantCulture), r.Design, r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
        r.TargetsPerSecond.ToString("0", CultureInfo.InvariantCulture), Ratio(results, r, BenchCommandNames.Raw),
        Ratio(results, r, BenchCommandNames.Blackbox), r.Ok.ToString(CultureInfo.InvariantCulture), r.Notes,
    }).ToList();

    /// <summary>r's targets/s over the named design's at the same size; empty when that design did not run.</summary>
    private static string Ratio(IReadOnlyList<BenchResult> results, BenchResult r, string design) =>
        results.FirstOrDefault(x => x.Targets == r.Targets && x.Design == design) is { } baseline
            ? (r.TargetsPerSecond / baseline.TargetsPerSecond).ToString("0.00", CultureInfo.InvariantCulture)
            : "";
}

public static class BenchCommandNames
{
    public const string Raw = "raw prober (in-process)";
    public const string Durable = "durable sweep (self-host)";
    public const string Naive = "naive: activity per target";
    public const string Blackbox = "blackbox_exporter (/probe)";
}
