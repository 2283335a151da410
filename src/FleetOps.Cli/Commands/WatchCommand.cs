using System.CommandLine;
using FleetOps.Cli.Output;
using FleetOps.Cli.Runs;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops watch ID</c>: follow a sweep or a rollout that is running (or has ended) until it ends.</summary>
internal static class WatchCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "the run id, as `fleetops runs` lists it" };
        var output = CliOptions.Out("also save the run's reports there [default: none are saved]");
        var command = new Command("watch", "Follow a sweep (progress bar) or a rollout (live view of its waves) until it ends, then print its summary.")
        {
            id, output,
        };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(id)!;
            var api = server.Client(parse);
            using var http = api.Http;
            var run = await RunPoller.GetAsync(api, runId, ct).ConfigureAwait(false);
            return run["kind"]?.GetValue<string>() switch
            {
                "rollout" => (await new RolloutSession(api, console).FollowAsync(runId, parse.GetValue(output), RunPoller.DefaultInterval, ct).ConfigureAwait(false)).ExitCode,
                "sweep" => await new SweepSession(api, console).FollowAsync(runId, parse.GetValue(output), RunPoller.DefaultInterval, ct).ConfigureAwait(false),
                var kind => throw new UsageException($"run {runId} is a {kind}: watch follows sweeps and rollouts"),
            };
        });
        return command;
    }
}
