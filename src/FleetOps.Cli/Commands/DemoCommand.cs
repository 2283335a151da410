using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Local;
using FleetOps.Cli.Output;
using FleetOps.Cli.Runs;
using FleetOps.Host;
using FleetOps.Simulator;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops demo</c>, the main job: Azurite, a simulated fleet with faults and the self-host, all on loopback,
/// then a health sweep and a rolling operation over HTTP, with summary tables and the report files.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var nodes = CliOptions.Int("--nodes", "simulated nodes", 200, 1, 5000);
        var output = CliOptions.Out("where the reports go [default: artifacts/demo in the checkout]");
        var repo = RepoOption();
        var command = new Command("demo", "The main job: starts Azurite (installed from package.json on first use), a simulated fleet with " +
            "faults and the self-host on 127.0.0.1, runs a health sweep, then a rollout in waves with health gates, and writes the reports.")
        {
            nodes, output, repo,
        };
        command.SetAction((parse, ct) =>
        {
            var root = RepoRoot.Find("demo", parse.GetValue(repo));
            return RunAsync(console, root, parse.GetValue(nodes), parse.GetValue(output) ?? Path.Combine(root, "artifacts", "demo"), ct);
        });
        return command;
    }

    /// <summary>--repo DIR: the checkout demo and bench need when not run inside one (an installed tool).</summary>
    public static Option<string?> RepoOption() => new("--repo")
    {
        Description = "the FleetOps checkout (package.json pins Azurite, host.json configures the engine) [default: found from the working directory]",
        HelpName = "DIR",
    };

    private static async Task<int> RunAsync(CliConsole console, string root, int nodes, string output, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        console.Markup("[bold]FleetOps demo[/]");
        await using var azurite = await LocalAzurite.StartAsync(root, location: null, log: m => console.Line("  " + m), ct).ConfigureAwait(false);
        console.Line($"  storage  Azurite on 127.0.0.1 (blob port {azurite.BlobPort}, in memory), up after {watch.Elapsed.TotalSeconds:0.0} s");

        var spec = new FleetSpec { Nodes = nodes, Down = 0.05, Slow = 0.05, Hang = 0.03, WrongStatus = 0.05, Blackhole = 0.02 };
        await using var fleet = await SimulatedFleet.StartAsync(spec, ct).ConfigureAwait(false);
        var faults = fleet.Nodes.GroupBy(n => n.Fault).Where(g => g.Key != NodeFault.None)
            .Select(g => $"{g.Count()} {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(g.Key.ToString())}");
        console.Line($"  fleet    {fleet.Nodes.Count} simulated nodes on 127.0.0.1 ({string.Join(", ", faults)})");

        var port = LoopbackPort.Free();
        var host = FleetOpsHost.Build([
            $"--urls=http://127.0.0.1:{port}",
            $"--AzureWebJobsStorage={azurite.ConnectionString}",
            "--FleetOps:Engine:HubName=FleetOpsDemo",
            "--FleetOps:Policy:Allow:0=127.0.0.0/8",
            $"--FleetOps:HostJson={Path.Combine(root, "host.json")}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await FleetOpsHost.StartAsync(host, ct).ConfigureAwait(false);
        try
        {
            console.Line($"  host     self-host on http://127.0.0.1:{port} (task hub FleetOpsDemo), ready after {watch.Elapsed.TotalSeconds:0.0} s");
            console.Line();
            var api = FleetOpsApiClient.Create(new Uri($"http://127.0.0.1:{port}"), apiKey: null);
            using var http = api.Http;
            var sweep = await new SweepSession(api, console).RunAsync(SweepRequest(fleet), output, RunPoller.DefaultInterval, ct).ConfigureAwait(false);

            // Then a rolling operation over the same fleet: pre-flight leaves out the nodes the sweep found unhealthy,
            // a canary node first, then a quarter of the fleet per wave, each wave gated on /health.
            console.Line();
            var rollout = await new RolloutSession(api, console).RunAsync(RolloutRequest(fleet), output, RunPoller.DefaultInterval, ct).ConfigureAwait(false);
            var applied = fleet.Nodes.Sum(n => fleet.ActionsApplied(n.Name));
            var delivered = fleet.Nodes.Sum(n => fleet.ActionDeliveries(n.Name));
            console.Line();
            console.Line($"Simulator: {delivered} action deliveries, applied on {applied} nodes (a repeat with the same Idempotency-Key is not applied twice).");
            console.Line($"Demo finished in {watch.Elapsed.TotalSeconds:0.0} s.");
            return sweep != ExitCodes.Ok ? sweep : rollout.ExitCode;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string SweepRequest(SimulatedFleet fleet) => new JsonObject
    {
        ["name"] = "demo",
        ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
        ["checks"] = new JsonArray(new JsonObject { ["kind"] = "tcp" }, new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
        ["options"] = new JsonObject { ["timeoutMs"] = 1000 },
    }.ToJsonString();

    private static string RolloutRequest(SimulatedFleet fleet) => new JsonObject
    {
        ["name"] = "demo deploy",
        ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
        ["action"] = new JsonObject { ["url"] = "http://{{address}}/action/deploy", ["body"] = "{\"version\":\"2.0\"}" },
        ["waves"] = new JsonArray(1, "25%"),
        ["concurrency"] = 20,
        ["preflight"] = true,
        ["gate"] = new JsonObject
        {
            ["checks"] = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/health", ["timeoutMs"] = 1000 }),
            ["passes"] = 2, ["intervalSeconds"] = 1, ["deadlineSeconds"] = 30,
        },
    }.ToJsonString();
}
