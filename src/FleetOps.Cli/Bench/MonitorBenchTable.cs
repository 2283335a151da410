using System.Globalization;
using System.Text;

namespace FleetOps.Cli.Bench;

/// <summary>The monitor bench's table: one row per monitor run, as plain text (console) or Markdown (docs/benchmarks.md).</summary>
public static class MonitorBenchTable
{
    private static readonly string[] Header =
    [
        "monitor", "cycles", "seconds", "late p50 s", "late p99 s", "late max s", "lag s/cycle", "late/skipped", "cycle s p50/max", "host CPU %", "Azurite CPU %",
        "storage req/cycle", "req/target/month", "history B/target/day", "30d uptime ms", "failing",
    ];

    public static string Console(IReadOnlyList<MonitorBench.Result> results) => TextTable.Format(Header, Rows(results));

    public static string Markdown(IReadOnlyList<MonitorBench.Result> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", Header) + " |");
        sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", Header.Length - 1)));
        foreach (var r in Rows(results)) sb.AppendLine("| " + string.Join(" | ", r) + " |");
        return sb.ToString();
    }

    /// <summary>Storage requests per cycle by service and client, e.g. "blob/app 68, queue/engine 410".</summary>
    public static string RequestsBreakdown(MonitorBench.Result r) => r.Cycles == 0 ? "" : string.Join(", ",
        r.Requests.Where(x => x.Value > 0).OrderBy(x => x.Key.Client, StringComparer.Ordinal).ThenBy(x => x.Key.Service, StringComparer.Ordinal)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Key.Service}/{x.Key.Client} {x.Value / r.Cycles:0}")));

    private static List<string[]> Rows(IReadOnlyList<MonitorBench.Result> results) => results.Select(r => new[]
    {
        r.Spec.ToString(), N(r.Cycles), F(r.Span.TotalSeconds, "0"),
        F(MonitorBenchMath.Percentile(r.Lateness, 50), "0.000"), F(MonitorBenchMath.Percentile(r.Lateness, 99), "0.000"),
        F(r.Lateness.Count == 0 ? null : r.Lateness.Max(), "0.000"), F(MonitorBenchMath.LagSlope(r.Lateness), "0.000"),
        string.Create(CultureInfo.InvariantCulture, $"{r.LateCycles}/{r.SkippedCycles}"),
        r.CycleSeconds.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{MonitorBenchMath.Percentile(r.CycleSeconds, 50):0.0}/{r.CycleSeconds.Max():0.0}"),
        F(r.HostCpuPercent, "0"), F(r.AzuriteCpuPercent, "0"), F(r.Cycles == 0 ? null : r.RequestsPerCycle, "0"),
        F(r.Cycles == 0 ? null : r.RequestsPerTargetPerMonth, "0.0"), F(r.History?.RolledBytesPerTargetPerDay, "0"),
        r.History is { UptimeQueryMs.Count: > 0 } h ? string.Create(CultureInfo.InvariantCulture,
            $"{MonitorBenchMath.Percentile(h.UptimeQueryMs, 50):0}/{h.UptimeQueryMs.Max():0}") : "",
        N(r.Failing),
    }).ToList();

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
