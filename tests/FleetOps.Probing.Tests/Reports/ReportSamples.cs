using System.Runtime.CompilerServices;
using FleetOps.Probing.Reports;
using FleetOps.Core.Results;
using FleetOps.Core.Summaries;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Probing.Tests.Reports;

/// <summary>Synthetic results and the plumbing to render them, for the report tests.</summary>
internal static class ReportSamples
{
    public static TargetResult Ok(string name, double ms = 10, string? group = null) =>
        new(name, $"{name}.example:443", true, ms, [new CheckResult("http", "http:/health", true, ms, 1, 200)], Labels(group));

    public static TargetResult Failed(string name, ErrorKind kind = ErrorKind.Timeout, double ms = 2000, string? group = null, string? message = null) =>
        new(name, $"{name}.example:443", false, ms,
        [
            new CheckResult("tcp", "tcp", true, 1, 1),
            new CheckResult("http", "http:/health", false, ms, 3, null, new ProbeError(kind, message ?? $"{name} {kind}")),
        ], Labels(group));

    /// <summary>A target whose http check answered but whose conditions did not hold.</summary>
    public static TargetResult ConditionFailed(string name, double ms = 50, string? group = null) =>
        new(name, $"{name}.example:443", false, ms,
        [
            new CheckResult("http", "http:/status", false, ms, 1, 503, new ProbeError(ErrorKind.Condition, "[STATUS] == 200 (actual 503)"),
            [
                new ConditionResult("[STATUS] == 200", false, "503"),
                new ConditionResult("[RESPONSE_TIME] < 500", true, "50"),
                new ConditionResult("[BODY].status == UP", false, "DOWN"),
            ]),
        ], Labels(group));

    public static ReportHeader Header(string name = "nightly sweep", SweepSummary? summary = null) => new(
        "run-42", name, "Completed",
        new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 1, 2, 3, 4, TimeSpan.Zero),
        summary ?? new SweepSummary());

    /// <summary>A fleet of <paramref name="count"/> targets in 4 groups: ~5 % timeouts, ~1 % condition failures, log-normal latencies.</summary>
    public static IEnumerable<TargetResult> Fleet(int count, int seed = 1)
    {
        var random = new Random(seed);
        string[] groups = ["web", "db", "cache", "edge"];
        for (var i = 0; i < count; i++)
        {
            var name = $"host-{i:D6}";
            var group = groups[i % groups.Length];
            var ms = Math.Round(Math.Exp(Math.Log(30) + 0.9 * (random.NextDouble() * 2 - 1) * 2), 2);
            var roll = random.NextDouble();
            yield return roll < 0.05 ? Failed(name, ErrorKind.Timeout, 2000, group, $"connect to {name}.example:443 timed out after 2000 ms")
                : roll < 0.06 ? ConditionFailed(name, ms, group)
                : Ok(name, ms, group);
        }
    }

    public static async IAsyncEnumerable<IReadOnlyList<TargetResult>> Batches(
        IEnumerable<TargetResult> results, int size = 500, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var chunk in results.Chunk(size))
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return chunk;
        }
    }

    public static async Task<string> Html(IEnumerable<TargetResult> results, SweepDiff? diff = null, ReportHeader? header = null)
    {
        using var writer = new StringWriter();
        await HtmlReport.WriteAsync(writer, header ?? Header(), Batches(results), diff);
        return writer.ToString();
    }

    public static async Task<string> Markdown(IEnumerable<TargetResult> results, SweepDiff? diff = null, ReportHeader? header = null)
    {
        using var writer = new StringWriter();
        await MarkdownReport.WriteAsync(writer, header ?? Header(), Batches(results), diff);
        return writer.ToString();
    }

    /// <summary>How many times <paramref name="needle"/> occurs in <paramref name="text"/>.</summary>
    public static int Occurrences(string text, string needle)
    {
        int count = 0, at = 0;
        while ((at = text.IndexOf(needle, at, StringComparison.Ordinal)) >= 0) { count++; at += needle.Length; }
        return count;
    }

    private static Dictionary<string, string>? Labels(string? group) => group is null ? null : new() { ["group"] = group };
}
