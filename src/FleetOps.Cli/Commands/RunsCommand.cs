using System.CommandLine;
using System.Text.Json.Nodes;
using FleetOps.Cli.Output;
using Microsoft.DurableTask.Client;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops runs</c>: the runs on a server, newest first, filtered by status and kind.</summary>
internal static class RunsCommand
{
    /// <summary>How many runs a --kind filter looks through (the server's limit): the newest of them that match are shown.</summary>
    public const int KindScan = 1000;

    public static Command Create(CliConsole console)
    {
        var status = new Option<string[]>("--status")
        {
            Description = "only runs in this runtime status; repeat for several",
            HelpName = "STATUS",
        };
        status.AcceptOnlyFromAmong(Enum.GetNames<OrchestrationRuntimeStatus>());
        var kind = new Option<string?>("--kind") { Description = $"only sweeps or only rollouts (looks through the newest {KindScan} runs)", HelpName = "sweep|rollout" };
        kind.AcceptOnlyFromAmong("sweep", "rollout");
        var limit = CliOptions.Int("--limit", "how many runs to show", 20, 1, 1000);
        var json = CliOptions.Json("the runs");
        var command = new Command("runs", "List the runs on a server, newest first.") { status, kind, limit, json };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var api = server.Client(parse);
            using var http = api.Http;
            var statuses = parse.GetValue(status) is { Length: > 0 } s ? string.Join(',', s.Distinct(StringComparer.Ordinal)) : null;
            var wanted = parse.GetValue(kind);
            var take = parse.GetValue(limit);
            var runs = (await api.ListRunsAsync(statuses, wanted is null ? take : KindScan, ct).ConfigureAwait(false))
                .Where(r => wanted is null || r?["kind"]?.GetValue<string>() == wanted)
                .OrderByDescending(r => r?["createdAt"]?.GetValue<DateTimeOffset>())
                .Take(take)
                .ToList();
            if (parse.GetValue(json))
            {
                console.Line(new JsonArray([.. runs.Select(r => r?.DeepClone())]).ToJsonString(RunCommand.Indented));
                return ExitCodes.Ok;
            }
            if (runs.Count == 0)
            {
                console.Line("no runs");
                return ExitCodes.Ok;
            }
            var table = Tables.Create(console, "id", "kind", "status", "created", "progress");
            foreach (var run in runs)
                table.Row($"{run!["id"]}", $"{run["kind"]}", RunStatusView.Status(run), RunStatusView.Time(run["createdAt"]), RunStatusView.Progress(run));
            console.Out.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
