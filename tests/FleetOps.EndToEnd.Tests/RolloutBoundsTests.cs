using FleetOps.Api;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.RolloutKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// What a rollout costs and survives: its orchestration history stays bounded however long the gate runs, the report
/// reads a blob per chunk, any node name is rolled out and recorded, and a rollout whose orchestration failed says so.
/// </summary>
public sealed class RolloutBoundsTests(SelfHostEnvironment env, ITestOutputHelper output) : IClassFixture<SelfHostEnvironment>
{
    /// <summary>Far below what the gate's rounds would add up to in one history, far above one execution's share.</summary>
    private const long HistoryBound = 48 * 1024;

    [Fact]
    public async Task A_long_gate_keeps_the_orchestration_history_bounded()
    {
        await using var fleet = await FleetAsync(2);
        fleet.SetActionBehaviour(fleet.Nodes[1].Name, unhealthyAfter: true);
        var id = await env.Api.StartRolloutAsync(Request(fleet, r =>
        {
            r["waves"] = Array("100%");
            r["gate"]!["intervalSeconds"] = 1;
            r["gate"]!["deadlineSeconds"] = 3600;
        }));

        // 60 rounds (about a minute): well past several of the executions the gate continues as new into.
        var samples = new List<(int Rounds, long Bytes)>();
        var rounds = 0;
        while (rounds < 60)
        {
            await Task.Delay(2000);
            var report = await env.Api.GetReportAsync(id);
            rounds = report["nodes"]![1]!["gate"]?["rounds"]?.GetValue<int>() ?? 0;
            samples.Add((rounds, await FleetOps.Host.Benchmarks.HistorySizes.BytesAsync(env.Storage.ConnectionString, env.HubName, id)));
            Assert.Equal("Running", (await env.Api.GetRunAsync(id))!["runtimeStatus"]!.GetValue<string>());
        }
        output.WriteLine(string.Join("\n", samples.Select(s => $"after {s.Rounds,3} rounds: {s.Bytes,8} bytes of history")));
        Assert.All(samples, s => Assert.True(s.Bytes < HistoryBound, $"{s.Bytes} bytes of history after {s.Rounds} rounds"));

        using (await env.Api.SendAsync(Routes.CancelRun, [id])) { }
        Assert.Equal("cancelled", State(await env.Api.WaitForEndAsync(id)));
    }

    [Fact]
    public async Task Node_names_that_cannot_go_into_a_header_are_rolled_out_once_and_recorded_in_a_blob_per_chunk()
    {
        await using var fleet = await FleetAsync(10);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] awkward = [$"nodé-{suffix}", $"cr\r\nlf-{suffix}", new string('n', 9000) + suffix, $"{suffix}/rollback", $"日本-{suffix}"];
        var id = await env.Api.StartRolloutAsync(Request(fleet, r =>
        {
            var targets = r["targets"]!.AsArray();
            for (var i = 0; i < awkward.Length; i++) targets[i * 2]!["name"] = awkward[i];
            r["waves"] = Array(1, "100%");
            r["concurrency"] = 2;
        }));
        var run = await env.Api.WaitForEndAsync(id);
        output.WriteLine(run["rollout"]!.ToJsonString());
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("completed", State(run));
        Assert.Equal(10, run["rollout"]!["nodesDone"]!.GetValue<int>());
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name, ActionPath)));
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionDeliveries(n.Name)));

        var report = await env.Api.GetReportAsync(id);
        var nodes = report["nodes"]!.AsArray();
        Assert.Equal(awkward, Enumerable.Range(0, awkward.Length).Select(i => nodes[i * 2]!["name"]!.GetValue<string>()));
        Assert.All(nodes, n => Assert.True(n!["action"]!["ok"]!.GetValue<bool>(), n.ToJsonString()));
        Assert.Equal("completed", Events(report).Last());

        // Results are stored a blob per chunk: wave 1 (1 node) and wave 2 (9 nodes in chunks of 8), not one per node.
        var container = new BlobServiceClient(env.Storage.ConnectionString).GetBlobContainerClient("fleetops-runs");
        var journals = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{id}/rollout/action/" })) journals.Add(blob.Name);
        Assert.Equal(3, journals.Count);
    }

    [Fact]
    public async Task A_rollout_whose_orchestration_failed_shows_failed_with_the_reason_and_releases_its_lock()
    {
        await using var fleet = await FleetAsync(3);
        var json = Request(fleet, r => r["approval"] = new JsonObject { ["mode"] = "before-first" });
        var id = await env.Api.StartRolloutAsync(json);
        await env.Api.WaitForStateAsync(id, "waiting-approval");
        // Lose the stored nodes: every attempt of the action activity fails.
        var nodesBlob = new BlobServiceClient(env.Storage.ConnectionString).GetBlobContainerClient("fleetops-runs").GetBlobClient($"{id}/rollout/nodes.json");
        await nodesBlob.DeleteAsync();
        var (status, _) = await env.Api.ControlAsync(id, "approve", new { by = "hal" });
        Assert.Equal(202, status);

        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(120));
        output.WriteLine(run.ToJsonString());
        Assert.Equal("Failed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("failed", State(run));
        Assert.Contains("ActionBatchActivity failed after its retries", run["rollout"]!["reason"]!.GetValue<string>());
        Assert.Contains("blob", run["rollout"]!["reason"]!.GetValue<string>());
        Assert.Null(run["rollout"]!["waitingFor"]);
        var report = await env.Api.GetReportAsync(id);
        Assert.Equal("failed", Events(report).Last());
        Assert.Equal(0, fleet.Applied());

        // The lock is released: the same nodes can be rolled out again.
        var next = await env.Api.StartRolloutAsync(json);
        using (await env.Api.SendAsync(Routes.CancelRun, [next])) { }
        Assert.Equal("cancelled", State(await env.Api.WaitForEndAsync(next)));
    }
}
