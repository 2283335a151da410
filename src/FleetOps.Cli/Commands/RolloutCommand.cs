using System.CommandLine;
using FleetOps.Cli.Output;
using FleetOps.Cli.Runs;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops rollout FILE</c>: start a rollout on a server and follow it wave by wave.</summary>
internal static class RolloutCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CliOptions.ExistingFile("file", "the rollout request (the body of POST /api/rollouts)");
        var output = CliOptions.Out("where the rollout's JSON report goes", "fleetops-reports");
        var noWait = SweepCommand.NoWaitOption("rollout");
        var command = new Command("rollout", "Start a rollout on a server and show its waves live until it ends (control it meanwhile with " +
            "`fleetops run ID approve|reject|pause|resume|cancel|retune`), then its outcome and timeline.")
        {
            file, output, noWait,
        };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var request = await CliOptions.ReadAsync(parse.GetValue(file)!, ct).ConfigureAwait(false);
            var api = server.Client(parse);
            using var http = api.Http;
            if (parse.GetValue(noWait))
            {
                var accepted = await api.StartRolloutAsync(request, ct).ConfigureAwait(false);
                console.Line($"{accepted["id"]}");
                return ExitCodes.Ok;
            }
            var result = await new RolloutSession(api, console).RunAsync(request, parse.GetValue(output), RunPoller.DefaultInterval, ct).ConfigureAwait(false);
            return result.ExitCode;
        });
        return command;
    }
}
