using FleetOps.Probing.Reports;
using FleetOps.Core.Results;
using FleetOps.Core.Summaries;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Reports.BrowserTests;

/// <summary>
/// A deterministic fleet of 300 targets in 3 groups, with timeouts, refusals, TLS errors and failed conditions, and a
/// previous sweep of it that differs a little, so every section of the report has something to show.
/// </summary>
internal static class SampleFleet
{
    public static readonly (string Group, int Count)[] Groups = [("web", 140), ("db", 90), ("cache", 70)];

    public static List<TargetResult> Current() => Build();

    /// <summary>
    /// The sweep before: the web timeouts were still ok, 3 hosts that are ok now were failing, every 10th db host was 3×
    /// faster, the last 2 web hosts did not exist yet and 5 retired hosts did.
    /// </summary>
    public static List<TargetResult> Previous()
    {
        string[] recovered = ["web-010", "db-020", "cache-030"];
        return
        [
            .. Current().Where(r => r.Name is not ("web-139" or "web-140")).Select(r => r switch
            {
                { Ok: false, Error.Kind: ErrorKind.Timeout } => Ok(r.Name, "web", 21.5),
                { Ok: true } when recovered.Contains(r.Name) => Failed(r.Name, r.Labels!["group"], ErrorKind.Timeout, 2000, "timed out after 2000 ms"),
                { Ok: true } when r.Name.StartsWith("db-", StringComparison.Ordinal) && r.Name.EndsWith('0') => r with { LatencyMs = r.LatencyMs / 3 },
                _ => r,
            }),
            .. Enumerable.Range(1, 5).Select(i => Ok($"old-web-{i}", "web", 12)),
        ];
    }

    public static ReportHeader Header() => new(
        "sweep-20250301-0200", "Nightly fleet sweep", "Completed",
        new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 1, 2, 1, 37, TimeSpan.Zero),
        new SweepSummary { Targets = 300 });

    private static List<TargetResult> Build()
    {
        var random = new Random(11);
        var results = new List<TargetResult>();
        foreach (var (group, count) in Groups)
        {
            for (var i = 0; i < count; i++)
            {
                var name = $"{group}-{i + 1:D3}";
                var ms = Math.Round(Math.Exp(Math.Log(group == "db" ? 45 : 18) + 0.6 * Normal(random)), 2);
                results.Add((i % 29, group) switch
                {
                    (0, "web") => Failed(name, group, ErrorKind.Timeout, 2000, $"connect to {name}.prod.internal:443 timed out after 2000 ms"),
                    (7, "web") => Failed(name, group, ErrorKind.HttpStatus, ms, "GET /health answered 503 Service Unavailable"),
                    (3, "db") => Failed(name, group, ErrorKind.Refused, 1.2, $"connection refused by {name}.prod.internal:5432"),
                    (5, "cache") or (19, "cache") => Conditions(name, group, ms),
                    (11, "cache") => Failed(name, group, ErrorKind.Tls, ms, "certificate expired 3 days ago (CN=cache.prod.internal)"),
                    _ => Ok(name, group, ms),
                });
            }
        }
        return results;
    }

    private static TargetResult Ok(string name, string group, double ms) =>
        new(name, $"{name}.prod.internal:443", true, ms, [new CheckResult("http", "http:/health", true, ms, 1, 200)], Label(group));

    private static TargetResult Failed(string name, string group, ErrorKind kind, double ms, string message) =>
        new(name, $"{name}.prod.internal:443", false, ms,
            [new CheckResult("http", "http:/health", false, ms, 3, null, new ProbeError(kind, message))], Label(group));

    private static TargetResult Conditions(string name, string group, double ms) =>
        new(name, $"{name}.prod.internal:6379", false, ms,
        [
            new CheckResult("tcp", "tcp:6379", false, ms, 2, null, new ProbeError(ErrorKind.Condition, "2 of 3 conditions failed"),
            [
                new ConditionResult("[CONNECTED] == true", true, "true"),
                new ConditionResult("[RESPONSE_TIME] < 25", false, ms.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)),
                new ConditionResult("[BODY] == pat(*+PONG*)", false, "-LOADING Redis is loading the dataset in memory"),
            ]),
        ], Label(group));

    private static Dictionary<string, string> Label(string group) => new() { ["group"] = group };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
