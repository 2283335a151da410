using System.Globalization;
using System.Text;

namespace FleetOps.Cli.Bench;

/// <summary>The benchmark's table: targets/s and the ratio to the raw prober measured in the same run.</summary>
public static class BenchTable
{
    public static string Console(IReadOnlyList<BenchResult> results) =>
        TextTable.Format(["targets", "design", "seconds", "targets/s", "vs raw", "ok", "notes"], Rows(results));

    public static string Markdown(IReadOnlyList<BenchResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| targets | design | seconds | targets/s | vs raw | ok | notes |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---|");
        foreach (var r in Rows(results)) sb.AppendLine("| " + string.Join(" | ", r) + " |");
        return sb.ToString();
    }

    private static List<string[]> Rows(IReadOnlyList<BenchResult> results) => results.Select(r =>
    {
        var raw = results.FirstOrDefault(x => x.Targets == r.Targets && x.Design == BenchCommandNames.Raw);
        var ratio = raw is null ? "" : (r.TargetsPerSecond / raw.TargetsPerSecond).ToString("0.00", CultureInfo.InvariantCulture);
        return new[]
        {
            r.Targets.ToString(CultureInfo.InvariantCulture), r.Design, r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            r.TargetsPerSecond.ToString("0", CultureInfo.InvariantCulture), ratio, r.Ok.ToString(CultureInfo.InvariantCulture), r.Notes,
        };
    }).ToList();
}

public static class BenchCommandNames
{
    public const string Raw = "raw prober (in-process)";
    public const string Durable = "durable sweep (self-host)";
    public const string Naive = "naive: activity per target";
}
