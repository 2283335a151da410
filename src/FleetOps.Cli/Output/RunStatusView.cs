using System.Globalization;
using System.Text.Json.Nodes;
using FleetOps.Cli.Runs;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>One run as <c>fleetops run ID status</c> shows it, and the short forms <c>fleetops runs</c> lists.</summary>
internal static class RunStatusView
{
    public static void Write(CliConsole console, JsonNode run)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
        }
        Row("id", $"{run["id"]}");
        Row("kind", $"{run["kind"]}");
        Row("status", Status(run));
        Row("created", Time(run["createdAt"]));
        Row("updated", Time(run["lastUpdatedAt"]));
        if (run["rollout"] is { } r)
        {
            Row("progress", Progress(run));
            Row("doing", RunPoller.HasEnded(run) ? null : RolloutWaves.Doing(r));
            Row("waves", r["waveSizes"] is JsonArray sizes ? string.Join(", ", sizes) : null);
            Row("budgets", $"concurrency {r["concurrency"]}, action failures {r["actionBudget"] ?? "0"}, gate failures {r["gateBudget"] ?? "0"}");
            Row("left out", r["excluded"]?.GetValue<int>() is > 0 and var x ? $"{x} nodes (pre-flight)" : null);
            Row("rolled back", r["rolledBack"]?.GetValue<int>() is > 0 and var b ? $"{b} nodes" : null);
            Row("reason", r["reason"]?.GetValue<string>());
        }
        else
        {
            Row("progress", run["summary"] is null ? Progress(run) : null);
            Row("summary", Summary(run["summary"]));
        }
        Row("failure", run["failure"] is { } f ? $"{f["type"]}: {f["message"]}" : null);
        console.Out.Write(grid);
    }

    /// <summary>The runtime status, with a rollout's own state (a halted rollout is Completed to the engine).</summary>
    public static string Status(JsonNode run) =>
        run["rollout"]?["state"] is { } state ? $"{RunPoller.Status(run)} ({state})" : RunPoller.Status(run);

    /// <summary>Where the run is, in one phrase.</summary>
    public static string Progress(JsonNode run)
    {
        if (run["rollout"] is { } r)
            return $"wave {r["wave"]}/{r["waves"]}, {r["nodesDone"]}/{r["nodesTotal"]} nodes done, {r["nodesFailed"]} failed, {r["gateFailures"]} gate failures";
        if (Summary(run["summary"]) is { } summary) return summary;
        return run["progress"] is { } p
            ? $"{p["targetsDone"]}/{p["targetsTotal"]} targets, {p["ok"]} ok, {p["failed"]} failed ({p["batchesDone"]}/{p["batchesTotal"]} batches)"
            : "";
    }

    private static string? Summary(JsonNode? s) => s is null ? null
        : $"{s["targets"]} targets, {s["ok"]} ok, {s["failed"]} failed; p50 {s["latency"]?["p50Ms"]} ms, p95 {s["latency"]?["p95Ms"]} ms";

    public static string Time(JsonNode? at) =>
        at?.GetValue<DateTimeOffset>().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
}
