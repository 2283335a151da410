using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Simulator;
using FleetOps.Api;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>The self-host as a user drives it: a real process, Azurite, a simulated fleet, HTTP only.</summary>
public sealed class SweepOverHttpTests(SelfHostEnvironment env, ITestOutputHelper output) : IClassFixture<SelfHostEnvironment>
{
    [Fact]
    public async Task Sweep_of_500_nodes_reports_each_target_once_classified_as_the_simulator_configured()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 500, Down = 0.05, Slow = 0.05, Hang = 0.03, WrongStatus = 0.05, Blackhole = 0.02,
        });
        var watch = Stopwatch.StartNew();
        // 3 s: slow nodes answer in 300 ms, but a loaded 2-core CI machine must not turn them into timeouts.
        // Named checks: an answer from any node but the target's own fails (issue 12).
        var id = await env.Api.StartSweepAsync(NamedSweep.Json(fleet.Nodes, new { timeoutMs = 3000 }));
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromMinutes(3));
        watch.Stop();

        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        var summary = run["summary"]!;
        var batches = summary["batchesTotal"]!.GetValue<int>();
        output.WriteLine($"500-node sweep: {watch.Elapsed.TotalSeconds:0.0} s wall, {batches} ProbeBatch activities, p50 {summary["latency"]!["p50Ms"]} ms");

        var results = (await env.Api.GetReportAsync(id))["results"]!.AsArray();
        Assert.Equal(500, results.Count);
        Assert.Equal(500, results.Select(r => r!["name"]!.GetValue<string>()).Distinct().Count());
        foreach (var result in results)
        {
            var name = result!["name"]!.GetValue<string>();
            var fault = fleet.ExpectedFault(name);
            var (expectOk, expectKind) = Expected(fault);
            Assert.True(result["ok"]!.GetValue<bool>() == expectOk, $"{name} ({fault}): {result.ToJsonString()}");
            if (expectOk) Assert.True(NamesChecked(result), $"{name}: the node's name was not checked: {result.ToJsonString()}");
            if (!expectOk)
                Assert.True(FirstError(result) == expectKind, $"{name} ({fault}) expected {expectKind}: {result.ToJsonString()}");
        }
        var expectedFailed = fleet.Nodes.Count(n => !Expected(n.Fault).Ok);
        Assert.Equal(expectedFailed, summary["failed"]!.GetValue<int>());
        Assert.Equal(500 - expectedFailed, summary["ok"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_target_answered_by_another_node_fails_its_name_check()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3 });
        // node-0001 and node-0002 swap addresses: both answer 200, each for the other's name.
        var targets = NamedSweep.Targets(fleet.Nodes);
        (targets[0]!["address"], targets[1]!["address"]) = (fleet.Nodes[1].Address, fleet.Nodes[0].Address);
        var id = await env.Api.StartSweepAsync(RunsClient.SweepJson(targets.ToJsonString()));
        Assert.Equal("Completed", (await env.Api.WaitForRunAsync(id, TimeSpan.FromMinutes(1)))["runtimeStatus"]!.GetValue<string>());

        var results = (await env.Api.GetReportAsync(id))["results"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>());
        foreach (var impostor in new[] { "node-0001", "node-0002" })
        {
            Assert.False(results[impostor]!["ok"]!.GetValue<bool>(), results[impostor]!.ToJsonString());
            Assert.Equal("condition", FirstError(results[impostor]!));
        }
        Assert.True(results["node-0003"]!["ok"]!.GetValue<bool>() && NamesChecked(results["node-0003"]!), results["node-0003"]!.ToJsonString());
    }

    [Fact]
    public async Task Sweep_of_10000_targets_reports_each_once()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 10_000, Down = 0.01, WrongStatus = 0.01 });
        var watch = Stopwatch.StartNew();
        var id = await env.Api.StartSweepAsync(NamedSweep.Json(fleet.Nodes, new { timeoutMs = 3000 }, checksJson: """[{"kind":"http","path":"/health"}]"""));
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromMinutes(5));
        watch.Stop();
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        output.WriteLine($"10k sweep: {watch.Elapsed.TotalSeconds:0.0} s, {run["summary"]!["batchesTotal"]} batches");
        Assert.Equal(9_800, run["summary"]!["ok"]!.GetValue<int>());
        Assert.Equal(100, run["summary"]!["errors"]!["refused"]!.GetValue<int>());
        Assert.Equal(100, run["summary"]!["errors"]!["http-status"]!.GetValue<int>());
        var results = (await env.Api.GetReportAsync(id))["results"]!.AsArray();
        Assert.Equal(10_000, results.Select(r => r!["name"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_large_sweep_runs_in_chunks_with_live_progress_and_one_result_per_target()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 500, Down = 0.1, Slow = 0.1, SlowDelay = TimeSpan.FromMilliseconds(200) });
        // 50 batches in chunks of 8: 7 sub-orchestrations.
        var id = await env.Api.StartSweepAsync(NamedSweep.Json(fleet.Nodes, new { batchSize = 10, concurrency = 5, chunkBatches = 8 }));
        var seen = new SortedSet<int>();
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromMinutes(3), r =>
        {
            if (r["progress"]?["batchesDone"]?.GetValue<int>() is { } b) seen.Add(b);
            return r["runtimeStatus"]!.GetValue<string>() is "Completed" or "Failed";
        });
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(7, run["progress"]!["chunksTotal"]!.GetValue<int>());
        Assert.Equal(50, run["summary"]!["batchesDone"]!.GetValue<int>());
        Assert.Equal(450, run["summary"]!["ok"]!.GetValue<int>());
        Assert.True(seen.Count >= 3, $"progress should move while chunks run; saw batchesDone {string.Join(",", seen)}");

        var results = (await env.Api.GetReportAsync(id))["results"]!.AsArray();
        Assert.Equal(fleet.Nodes.Select(n => n.Name).Order(), results.Select(r => r!["name"]!.GetValue<string>()).Order());
        // Chunks are part of the run, not runs of their own.
        Assert.DoesNotContain(await env.Api.ListRunsAsync(), r => r!["id"]!.GetValue<string>().Contains("-chunk-"));
    }

    [Fact]
    public async Task Cancel_stops_a_running_sweep_and_a_second_cancel_conflicts()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 40, Hang = 1.0 });
        // Hung nodes with a long timeout and one target per batch: the run cannot finish before we cancel it.
        var id = await env.Api.StartSweepAsync(RunsClient.SweepJson(fleet.ToTargetsJson(), new { timeoutMs = 30000, batchSize = 1 }));
        await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(60), r => r["runtimeStatus"]!.GetValue<string>() == "Running");

        using (var cancel = await env.Api.SendAsync(Routes.CancelRun, [id]))
            Assert.Equal(202, (int)cancel.StatusCode);
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal("Terminated", run["runtimeStatus"]!.GetValue<string>());

        using var again = await env.Api.SendAsync(Routes.CancelRun, [id]);
        Assert.Equal(409, (int)again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Same_request_id_twice_starts_one_run()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 5 });
        var json = RunsClient.SweepJson(fleet.ToTargetsJson(), requestId: "dup-" + Guid.NewGuid().ToString("N"));
        using var first = await env.Api.PostSweepAsync(json);
        using var second = await env.Api.PostSweepAsync(json);
        Assert.Equal(202, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
    }

    [Fact]
    public async Task A_sweep_of_icmp_and_grpc_checks_classifies_each_node_by_its_grpc_fault()
    {
        // Lean: four nodes, one per gRPC answer; every node pings (127.0.0.1) and answers its health check or not.
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 4,
            Grpc = new GrpcSpec { Overrides = new Dictionary<int, GrpcFault> { [1] = GrpcFault.NotServing, [2] = GrpcFault.ServiceUnknown, [3] = GrpcFault.Down } },
        });
        const string checks = """
            [{"kind":"icmp","count":2,"intervalMs":10,"conditions":["[PACKET_LOSS] < 50","[RTT_AVG] < 2s"]},
             {"kind":"grpc","service":"fleetops.node"}]
            """;
        var id = await env.Api.StartSweepAsync(RunsClient.SweepJson(fleet.ToGrpcTargetsJson(), new { timeoutMs = 3000 }, checksJson: checks));
        Assert.Equal("Completed", (await env.Api.WaitForRunAsync(id, TimeSpan.FromMinutes(1)))["runtimeStatus"]!.GetValue<string>());

        var results = (await env.Api.GetReportAsync(id))["results"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!["checks"]!.AsArray());
        Assert.Equal(4, results.Count);
        foreach (var node in fleet.Nodes)
        {
            var byKind = results[node.Name].ToDictionary(c => c!["kind"]!.GetValue<string>(), c => c!);
            Assert.True(byKind["icmp"]["ok"]!.GetValue<bool>(), byKind["icmp"].ToJsonString());
            var grpc = byKind["grpc"];
            var expected = node.GrpcFault switch { GrpcFault.Serving => null, GrpcFault.Down => "refused", _ => "grpc-status" };
            Assert.True(grpc["ok"]!.GetValue<bool>() == (expected is null), $"{node.Name} ({node.GrpcFault}): {grpc.ToJsonString()}");
            Assert.Equal(expected, grpc["error"]?["kind"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task Unknown_run_is_404_problem()
    {
        using var response = await env.Api.SendAsync(Routes.GetRun, ["no-such-run"]);
        Assert.Equal(404, (int)response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("id", problem["errors"]![0]!["field"]!.GetValue<string>());
    }

    internal static (bool Ok, string? Kind) Expected(NodeFault fault) => fault switch
    {
        NodeFault.None or NodeFault.Slow => (true, null),
        NodeFault.Down => (false, "refused"),
        NodeFault.Hang => (false, "timeout"),
        NodeFault.WrongStatus => (false, "http-status"),
        NodeFault.Blackhole => (false, "timeout"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>True when the result's http check judged the name conditions of <see cref="NamedSweep"/>, and they held.</summary>
    internal static bool NamesChecked(JsonNode result) =>
        result["checks"]!.AsArray().Any(c => c!["kind"]!.GetValue<string>() == "http" &&
            c["conditions"]?.AsArray() is { Count: >= 2 } conditions && conditions.All(x => x!["ok"]?.GetValue<bool>() == true));

    internal static string? FirstError(JsonNode result) =>
        result["checks"]!.AsArray().FirstOrDefault(c => !c!["ok"]!.GetValue<bool>())?["error"]?["kind"]?.GetValue<string>();
}
