using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>Starts a rollout on a FleetOps server, shows its progress until it ends, and prints its waves and timeline.</summary>
public sealed class RolloutSession(HttpClient http, TextWriter console)
{
    /// <returns>The finished run's report, or null when the server refused the rollout.</returns>
    public async Task<JsonNode?> RunAsync(string requestJson, string reportDirectory, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var start = await http.PostAsync("/api/rollouts", new StringContent(requestJson, Encoding.UTF8, "application/json"), ct).ConfigureAwait(false);
        var startBody = await start.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!start.IsSuccessStatusCode)
        {
            await console.WriteLineAsync($"The server refused the rollout ({(int)start.StatusCode}): {JsonNode.Parse(startBody)?["detail"] ?? startBody}").ConfigureAwait(false);
            return null;
        }
        var id = JsonNode.Parse(startBody)!["id"]!.GetValue<string>();
        string? last = null;
        JsonNode run;
        while (true)
        {
            run = (await http.GetFromJsonAsync<JsonNode>($"/api/runs/{Uri.EscapeDataString(id)}", ct).ConfigureAwait(false))!;
            var status = run["runtimeStatus"]!.GetValue<string>();
            var r = run["rollout"];
            var line = r is null
                ? $"rollout {id}: {status.ToLowerInvariant()} [{watch.Elapsed.TotalSeconds:0.0} s]"
                : $"rollout {id}: {r["state"]}, wave {r["wave"]}/{r["waves"]}, {r["nodesDone"]}/{r["nodesTotal"]} nodes done, {r["nodesFailed"]} failed [{watch.Elapsed.TotalSeconds:0.0} s]";
            if (line != last) await console.WriteLineAsync(last = line).ConfigureAwait(false);
            if (status is "Completed" or "Failed" or "Terminated") break;
            await Task.Delay(500, ct).ConfigureAwait(false);
        }

        using var response = await http.GetAsync($"/api/runs/{Uri.EscapeDataString(id)}/report", ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        Directory.CreateDirectory(reportDirectory);
        var path = Path.GetFullPath(Path.Combine(reportDirectory, $"rollout-{id}.json"));
        await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
        var report = JsonNode.Parse(text)!;

        var nodes = report["nodes"]!.AsArray();
        var waves = nodes.Where(n => n!["wave"] is not null).GroupBy(n => n!["wave"]!.GetValue<int>()).OrderBy(g => g.Key)
            .Select(g => new[]
            {
                $"{g.Key}", $"{g.Count()}",
                $"{g.Count(n => n!["action"]?["ok"]?.GetValue<bool>() == true)}",
                $"{g.Count(n => n!["gate"]?["lastOk"]?.GetValue<bool>() == true)}",
            }).ToList();
        await console.WriteLineAsync().ConfigureAwait(false);
        await console.WriteLineAsync($"Rollout {id}: {run["rollout"]?["state"]} ({run["runtimeStatus"]}){(report["reason"] is { } why ? $": {why}" : "")}").ConfigureAwait(false);
        var excluded = nodes.Count(n => n!["excluded"] is not null);
        if (excluded > 0) await console.WriteLineAsync($"  pre-flight left out {excluded} unhealthy nodes").ConfigureAwait(false);
        await console.WriteLineAsync(SweepReportWriter.Table(["wave", "nodes", "action ok", "gate ok"], waves)).ConfigureAwait(false);
        foreach (var entry in report["timeline"]?.AsArray() ?? [])
            await console.WriteLineAsync($"  {entry!["at"]?.GetValue<DateTime>():HH:mm:ss}  {entry["event"]}{(entry["wave"] is { } w ? $" (wave {w})" : "")}{(entry["by"] is { } by ? $" by {by}" : "")}{(entry["detail"] is { } d ? $": {d}" : "")}").ConfigureAwait(false);
        await console.WriteLineAsync($"Rollout report: {path}").ConfigureAwait(false);
        return report;
    }
}
