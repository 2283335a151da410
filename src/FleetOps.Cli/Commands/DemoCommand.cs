using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Cli.Local;
using FleetOps.Host;
using FleetOps.Simulator;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops demo</c>, the main job: Azurite, a simulated fleet with faults and the self-host, all on loopback,
/// then a health sweep and a rolling operation over HTTP, with summary tables and the report files.
/// </summary>
public static class DemoCommand
{
    public const string Usage = """
        fleetops demo [--nodes N] [--out DIR]
          starts Azurite (installed from package.json on first use), N simulated nodes (default 200) with faults
          and the self-host on 127.0.0.1, runs a sweep, then a rollout in waves with health gates, and writes
          the reports to DIR (default artifacts/demo)
        """;

    public static async Task<int> RunAsync(Args args, CancellationToken ct)
    {
        var nodes = args.GetInt("nodes", 200, 1, 5000);
        var root = RepoRoot.Find();
        var output = args.Get("out") ?? Path.Combine(root, "artifacts", "demo");
        args.EnsureAllUsed();
        var watch = Stopwatch.StartNew();

        Console.WriteLine("FleetOps demo");
        await using var azurite = await LocalAzurite.StartAsync(root, location: null, log: m => Console.WriteLine("  " + m), ct).ConfigureAwait(false);
        Console.WriteLine($"  storage  Azurite on 127.0.0.1 (blob port {azurite.BlobPort}, in memory), up after {watch.Elapsed.TotalSeconds:0.0} s");

        var spec = new FleetSpec { Nodes = nodes, Down = 0.05, Slow = 0.05, Hang = 0.03, WrongStatus = 0.05, Blackhole = 0.02 };
        await using var fleet = await SimulatedFleet.StartAsync(spec, ct).ConfigureAwait(false);
        var faults = fleet.Nodes.GroupBy(n => n.Fault).Where(g => g.Key != NodeFault.None).Select(g => $"{g.Count()} {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(g.Key.ToString())}");
        Console.WriteLine($"  fleet    {fleet.Nodes.Count} simulated nodes on 127.0.0.1 ({string.Join(", ", faults)})");

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
            Console.WriteLine($"  host     self-host on http://127.0.0.1:{port} (task hub FleetOpsDemo), ready after {watch.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine();
            var request = new JsonObject
            {
                ["name"] = "demo",
                ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
                ["checks"] = new JsonArray(new JsonObject { ["kind"] = "tcp" }, new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
                ["options"] = new JsonObject { ["timeoutMs"] = 1000 },
            };
            var api = Api.Client.FleetOpsApiClient.Create(new Uri($"http://127.0.0.1:{port}"), apiKey: null);
            using var http = api.Http;
            var result = await new SweepSession(api, Console.Out).RunAsync(request.ToJsonString(), output, ct).ConfigureAwait(false);

            // Then a rolling operation over the same fleet: pre-flight leaves out the nodes the sweep found unhealthy,
            // a canary node first, then a quarter of the fleet per wave, each wave gated on /health.
            Console.WriteLine();
            var rollout = new JsonObject
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
            };
            var report = await new RolloutSession(api, Console.Out).RunAsync(rollout.ToJsonString(), output, ct).ConfigureAwait(false);
            var applied = fleet.Nodes.Sum(n => fleet.ActionsApplied(n.Name));
            var delivered = fleet.Nodes.Sum(n => fleet.ActionDeliveries(n.Name));
            Console.WriteLine($"Simulator: {delivered} action deliveries, applied on {applied} nodes (a repeat with the same Idempotency-Key is not applied twice).");
            Console.WriteLine($"Demo finished in {watch.Elapsed.TotalSeconds:0.0} s.");
            return result != 0 ? result : report?["runtimeStatus"]?.GetValue<string>() == "Completed" ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

}
