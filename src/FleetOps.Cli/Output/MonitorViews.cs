using System.Globalization;
using System.Text.Json.Nodes;

namespace FleetOps.Cli.Output;

/// <summary>What <c>fleetops monitors</c> prints: the monitors as a table; one monitor's state, targets, uptime and events.</summary>
internal static class MonitorViews
{
    /// <summary>GET /api/monitors/{name} answers, one row each.</summary>
    public static void List(CliConsole console, IReadOnlyList<JsonNode> monitors)
    {
        if (monitors.Count == 0)
        {
            console.Line("no monitors");
            return;
        }
        var table = Tables.Create(console, "name", "state", ">up", ">down", ">unknown", ">targets", "every", "paused");
        foreach (var m in monitors)
        {
            var counts = m["counts"];
            table.Row($"{m["name"]}", $"{m["state"]}", $"{counts?["up"]}", $"{counts?["down"]}", $"{counts?["unknown"]}", $"{counts?["total"]}", Every(m["definition"]), YesNo(m["paused"]));
        }
        console.Out.Write(table);
    }

    /// <summary>One monitor: a summary line, then its targets (a page), uptime over 24 h and recent events.</summary>
    public static void Detail(CliConsole console, JsonNode monitor, JsonNode targets, JsonNode uptime, JsonNode events)
    {
        var counts = monitor["counts"];
        var runtime = monitor["runtime"];
        console.Line($"monitor {monitor["name"]}: {monitor["state"]} ({counts?["up"]} up, {counts?["down"]} down, {counts?["unknown"]} unknown of {counts?["total"]}); " +
                     $"every {Every(monitor["definition"])}; paused {YesNo(monitor["paused"])}; cycle {runtime?["cycle"]?.ToString() ?? "-"}, next due {RunStatusView.Time(runtime?["nextDue"])}");
        var overall = uptime["overall"];
        console.Line($"uptime {uptime["window"]}: {Percent(overall?["uptimePercent"])} of {overall?["cycles"]} cycles; p50 {Ms(overall?["p50Ms"])}, p95 {Ms(overall?["p95Ms"])}");

        var rows = targets["targets"]?.AsArray() ?? [];
        var table = Tables.Create(console, "target", "address", "state", "since", "last error");
        foreach (var t in rows)
            table.Row($"{t!["name"]}", $"{t["address"]}", $"{t["state"]}", RunStatusView.Time(t["since"]), LastError(t));
        Tables.Write(console, $"Targets ({rows.Count} shown)", table);
        if (targets["continuationToken"]?.GetValue<string>() is { } next) console.Line($"more targets: --continuation {next}");

        var list = events["events"]?.AsArray() ?? [];
        var log = Tables.Create(console, "at", "event", "target", "what");
        foreach (var e in list) log.Row(RunStatusView.Time(e!["at"]), $"{e["kind"]}", $"{e["target"]}", What(e));
        Tables.Write(console, $"Recent events ({list.Count})", log);
    }

    /// <summary>The interval, the cron, or the heartbeat's period.</summary>
    public static string Every(JsonNode? definition) =>
        definition?["interval"]?.ToString() ?? (definition?["schedule"] is { } cron ? $"cron {cron}" : null)
        ?? (definition?["heartbeat"]?["period"] is { } period ? $"heartbeat {period}" : "");

    private static string LastError(JsonNode t) =>
        t["error"] is { } error ? $"{t["failingCheck"]} {t["errorKind"]}: {error}".Trim() : "";

    private static string What(JsonNode e)
    {
        var parts = new List<string>();
        if (e["from"] is { } from && e["to"] is { } to) parts.Add($"{from} -> {to}");
        if (e["alert"] is { } alert) parts.Add($"alert {alert}");
        if (e["notifier"] is { } notifier) parts.Add($"to {notifier}");
        if (e["suppressedBy"] is { } by) parts.Add($"suppressed by {by}");
        if (e["maintenance"]?.GetValue<bool>() == true) parts.Add("in maintenance");
        if (e["message"] is { } message) parts.Add(message.ToString());
        return string.Join("; ", parts);
    }

    private static string YesNo(JsonNode? flag) => flag?.GetValue<bool>() == true ? "yes" : "no";

    private static string Percent(JsonNode? p) => p is null ? "n/a" : p.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static string Ms(JsonNode? ms) => ms is null ? "n/a" : ms.GetValue<double>().ToString("0.#", CultureInfo.InvariantCulture) + " ms";
}
