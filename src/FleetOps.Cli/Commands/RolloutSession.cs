using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>Starts a rollout on a FleetOps server, shows its progress until it ends, and prints its waves and timeline.</summary>
public sealed class RolloutSession(FleetOpsApiClient api, TextWriter console)
{
    /// <returns>The finished run's report, or null when the server refused the rollout.</returns>
    public async Task<JsonNode?> RunAsync(string requestJson, string reportDirectory, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        string id;
        try
        {
            id = (await api.StartRolloutAsync(requestJson, ct).ConfigureAwait(false))["id"]!.GetValue<string>();
        }
        catch (FleetOpsApiException e)
        {
            await console.WriteLineAsync($"The server refused the rollout ({(int)e.StatusCode!}): {e.Detail}").ConfigureAwait(false);
            return null;
        }
        string? last = null;
        JsonNode run;
        while (true)
        {
            run = await api.GetRunAsync(id, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {id} is gone");
            var status = run["runtimeStatus"]!.GetValue<string>();
            var r = run["rollout"];
            var line = r is null
                ? $"rollout {id}: {status.ToLowerInvariant()} [{watch.Elapsed.TotalSeconds:0.0} s]"
                : $"rollout {id}: {r["state"]}, wave {r["wave"]}/{r["waves"]}, {r["nodesDone"]}/{r["nodesTotal"]} nodes done, {r["nodesFailed"]} failed [{watch.Elapsed.TotalSeconds:0.0} s]";
            if (line != last) await console.WriteLineAsync(last = line).ConfigureAwait(false);
            if (status is "Completed" or "Failed" or "Terminated") break;
            await Task.Delay(500, ct).ConfigureAwait(false);
        }

        var text = await api.GetReportTextAsync(id, "json", ct: ct).ConfigureAwait(false);
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
