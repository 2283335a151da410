namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops rollout request.json [--server URL] [--api-key KEY] [--out DIR]</c>: start a rollout and follow it.</summary>
public static class RolloutCommand
{
    public const string Usage = """
        fleetops rollout <request.json> [--server URL] [--api-key KEY] [--out DIR]
          starts the rollout in request.json (the body of POST /api/rollouts), follows it wave by wave and prints its
          waves and timeline; control it meanwhile from another shell with `fleetops run <id> approve|...`
        """;

    public static async Task<int> RunAsync(Args args, CancellationToken ct)
    {
        if (args.Positional.Count != 1) throw new FormatException("rollout takes exactly one request file");
        var api = ServerOptions.Client(args);
        using var http = api.Http;
        var output = args.Get("out") ?? "fleetops-reports";
        args.EnsureAllUsed();
        var request = await File.ReadAllTextAsync(args.Positional[0], ct).ConfigureAwait(false);
        var report = await new RolloutSession(api, Console.Out).RunAsync(request, output, ct).ConfigureAwait(false);
        return report is null ? 2 : report["runtimeStatus"]?.GetValue<string>() == "Completed" ? 0 : 1;
    }
}
