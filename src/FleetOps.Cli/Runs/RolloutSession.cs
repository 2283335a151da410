using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;
using Spectre.Console;

namespace FleetOps.Cli.Runs;

/// <summary>Starts a rollout (or follows one that runs), shows its waves until it ends, then its outcome and timeline.</summary>
internal sealed class RolloutSession(FleetOpsApiClient api, CliConsole console)
{
    public async Task<RolloutResult> RunAsync(string requestJson, string? reportDirectory, TimeSpan interval, CancellationToken ct)
    {
        var accepted = await api.StartRolloutAsync(requestJson, ct).ConfigureAwait(false);
        var id = accepted["id"]!.GetValue<string>();
        console.Line($"rollout {id}: {accepted["nodes"]} nodes{(accepted["created"]?.GetValue<bool>() == false ? " (this requestId already ran: following that run)" : "")}");
        return await FollowAsync(id, reportDirectory, interval, ct).ConfigureAwait(false);
    }

    public async Task<RolloutResult> FollowAsync(string id, string? reportDirectory, TimeSpan interval, CancellationToken ct)
    {
        var (run, report, text) = await new RolloutProgressView(api, console, id).FollowAsync(interval, ct).ConfigureAwait(false);
        var state = run["rollout"]?["state"]?.GetValue<string>();
        console.Line();
        console.Markup($"[bold]Rollout {Markup.Escape(id)}: {Markup.Escape(state ?? "not started")} ({Markup.Escape(RunPoller.Status(run))})[/]" +
            (report["reason"] is { } why ? Markup.Escape($": {why}") : ""));
        var excluded = report["nodes"]?.AsArray().Count(n => n?["excluded"] is not null) ?? 0;
        if (excluded > 0) console.Line($"  pre-flight left out {excluded} unhealthy nodes");
        if (run["rollout"] is { } rollout)
            Tables.Write(console, "Waves", RolloutWavesTable.Create(console, RolloutWaves.Rows(rollout, RolloutWaves.FromReport(report), ended: true)));
        var timeline = report["timeline"]?.AsArray() ?? [];
        if (timeline.Count > 0)
        {
            console.Line();
            console.Markup("[bold]Timeline[/]");
            foreach (var e in timeline)
                console.Line($"  {e!["at"]?.GetValue<DateTime>():HH:mm:ss}  {e["event"]}{(e["wave"] is { } w ? $" (wave {w})" : "")}{(e["by"] is { } by ? $" by {by}" : "")}{(e["detail"] is { } d ? $": {d}" : "")}");
        }
        if (reportDirectory is not null)
        {
            Directory.CreateDirectory(reportDirectory);
            var path = Path.GetFullPath(Path.Combine(reportDirectory, $"rollout-{ReportFiles.SafeName(id)}.json"));
            await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
            console.Line($"Rollout report: {path}");
        }
        return new RolloutResult(state, run);
    }
}

/// <summary>How a rollout ended: only state "completed" is a success (halted, rolled back and cancelled end Completed too).</summary>
internal sealed record RolloutResult(string? State, JsonNode Run)
{
    public int ExitCode => State == "completed" && RunPoller.Status(Run) == "Completed" ? ExitCodes.Ok : ExitCodes.RunFailed;
}
