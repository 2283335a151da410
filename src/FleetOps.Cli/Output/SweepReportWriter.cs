using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FleetOps.Cli.Output;

/// <summary>Turns a finished run and its JSON report into the console summary. The files come from the server's own renderers.</summary>
public static class SweepReportWriter
{
    public static string ConsoleSummary(JsonNode run, JsonNode report, int failuresToShow = 10)
    {
        var summary = run["summary"];
        var results = report["results"]!.AsArray();
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run {run["id"]}: {run["runtimeStatus"]}");
        if (summary is null)
        {
            if (run["failure"] is { } failure) sb.AppendLine(CultureInfo.InvariantCulture, $"  failure: {failure["message"]}");
            return sb.ToString();
        }
        var latency = summary["latency"]!;
        sb.AppendLine(Table(["", "targets", "ok", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            [["all", $"{summary["targets"]}", $"{summary["ok"]}", $"{summary["failed"]}", $"{latency["p50Ms"]}", $"{latency["p95Ms"]}", $"{latency["p99Ms"]}", $"{latency["maxMs"]}"]]));

        var errors = summary["errors"]!.AsObject().OrderByDescending(e => e.Value!.GetValue<int>()).Select(e => new[] { e.Key, $"{e.Value}" }).ToList();
        if (errors.Count > 0) sb.AppendLine(Table(["error", "targets"], errors));

        var byGroup = results.GroupBy(r => r!["labels"]?["group"]?.GetValue<string>() ?? "(none)")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[] { g.Key, $"{g.Count()}", $"{g.Count(r => r!["ok"]!.GetValue<bool>())}", $"{g.Count(r => !r!["ok"]!.GetValue<bool>())}" })
            .ToList();
        sb.AppendLine(Table(["group", "targets", "ok", "failed"], byGroup));

        var failures = results.Where(r => !r!["ok"]!.GetValue<bool>()).Take(failuresToShow)
            .Select(r => FailureRow(r!)).ToList();
        if (failures.Count > 0)
            sb.AppendLine(Table(["failing target", "address", "check", "error"], failures) + (summary["failed"]!.GetValue<int>() > failures.Count ? $"  ... and {summary["failed"]!.GetValue<int>() - failures.Count} more in the report\n" : ""));
        return sb.ToString();
    }

    private static string[] FailureRow(JsonNode result)
    {
        var failing = result["checks"]!.AsArray().FirstOrDefault(c => !c!["ok"]!.GetValue<bool>());
        return [$"{result["name"]}", $"{result["address"]}", $"{failing?["check"]}", failing is null ? "" : $"{failing["error"]?["kind"]}: {Short(failing["error"]?["message"]?.GetValue<string>())}"];
    }

    private static string Short(string? message)
    {
        if (message is null) return "";
        // Drop the "target 'x' (addr), check c, attempt n: " prefix: the row already says so.
        var cut = message.IndexOf(": ", message.IndexOf("attempt", StringComparison.Ordinal) is var a and >= 0 ? a : 0, StringComparison.Ordinal);
        var text = cut >= 0 ? message[(cut + 2)..] : message;
        return text.Length > 70 ? text[..67] + "..." : text;
    }

    public static string Table(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        // Numbers right-aligned, text left-aligned, judged per column from its cells.
        var numeric = header.Select((column, i) => rows.Count > 0 && rows.All(r => r[i].Length == 0 || double.TryParse(r[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))).ToArray();
        void Row(IReadOnlyList<string> cells) =>
            sb.AppendLine("  " + string.Join("  ", cells.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        sb.AppendLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in rows) Row(r);
        return sb.ToString();
    }
}
