using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>A finished sweep on the console: totals with latency percentiles, errors by kind, results by group, failing targets.</summary>
internal static class SweepSummaryView
{
    public static void Write(CliConsole console, JsonNode run, JsonNode report, int failuresToShow = 10)
    {
        var summary = run["summary"];
        console.Line();
        console.Markup($"[bold]Run {Markup.Escape($"{run["id"]}")}: {Markup.Escape($"{run["runtimeStatus"]}")}[/]");
        if (summary is null)
        {
            if (run["failure"] is { } failure) console.Line($"  failure: {failure["message"]}");
            return;
        }
        var latency = summary["latency"]!;
        Tables.Write(console, "Totals", Tables.Create(console, "", ">targets", ">ok", ">failed", ">p50 ms", ">p95 ms", ">p99 ms", ">max ms")
            .Row("all", $"{summary["targets"]}", $"{summary["ok"]}", $"{summary["failed"]}", $"{latency["p50Ms"]}", $"{latency["p95Ms"]}", $"{latency["p99Ms"]}", $"{latency["maxMs"]}"));

        var errors = summary["errors"]!.AsObject().OrderByDescending(e => e.Value!.GetValue<int>()).ToList();
        if (errors.Count > 0)
        {
            var table = Tables.Create(console, "error", ">targets");
            foreach (var (kind, count) in errors) table.Row(kind, $"{count}");
            Tables.Write(console, "Errors by kind", table);
        }

        var results = report["results"]!.AsArray();
        var groups = Tables.Create(console, "group", ">targets", ">ok", ">failed");
        foreach (var g in results.GroupBy(r => r!["labels"]?["group"]?.GetValue<string>() ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ok = g.Count(r => r!["ok"]!.GetValue<bool>());
            groups.Row(g.Key, Count(g.Count()), Count(ok), Count(g.Count() - ok));
        }
        Tables.Write(console, "Results by group", groups);

        var failing = results.Where(r => !r!["ok"]!.GetValue<bool>()).Take(failuresToShow).ToList();
        if (failing.Count == 0) return;
        var failures = Tables.Create(console, "failing target", "address", "check", "error");
        foreach (var r in failing) failures.Row(FailureRow(r!));
        Tables.Write(console, "Failing targets", failures);
        var failed = summary["failed"]!.GetValue<int>();
        if (failed > failing.Count) console.Line($"  ... and {failed - failing.Count} more in the report");
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string[] FailureRow(JsonNode result)
    {
        var failing = result["checks"]!.AsArray().FirstOrDefault(c => !c!["ok"]!.GetValue<bool>());
        return [$"{result["name"]}", $"{result["address"]}", $"{failing?["check"]}",
            failing is null ? "" : $"{failing["error"]?["kind"]}: {Short(failing["error"]?["message"]?.GetValue<string>())}"];
    }

    /// <summary>Drops the "target 'x' (addr), check c, attempt n: " prefix: the row already says so.</summary>
    internal static string Short(string? message)
    {
        if (message is null) return "";
        var cut = message.IndexOf(": ", message.IndexOf("attempt", StringComparison.Ordinal) is var a and >= 0 ? a : 0, StringComparison.Ordinal);
        var text = cut >= 0 ? message[(cut + 2)..] : message;
        return text.Length > 70 ? text[..67] + "..." : text;
    }
}
