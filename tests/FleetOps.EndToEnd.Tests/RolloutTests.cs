using FleetOps.Api;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using FleetOps.Simulator;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.RolloutKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Rolling operations through the self-host's HTTP API and queue, on Azurite, against a simulated fleet.</summary>
public sealed class RolloutTests(SelfHostEnvironment env, ITestOutputHelper output) : IClassFixture<SelfHostEnvironment>
{
    private static void WavesOf(JsonObject r) => r["waves"] = Array(1, 5, "20%", "100%");

    [Fact]
    public async Task Waves_run_in_order_with_the_planned_sizes_and_each_node_is_changed_once()
    {
        await using var fleet = await FleetAsync(20);
        var id = await env.Api.StartRolloutAsync(Request(fleet, WavesOf));
        var run = await env.Api.WaitForEndAsync(id);
        output.WriteLine(run.ToJsonString());

        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("rollout", run["kind"]!.GetValue<string>());
        Assert.Equal("completed", State(run));
        Assert.Equal([1, 5, 4, 10], run["rollout"]!["waveSizes"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(4, run["rollout"]!["wave"]!.GetValue<int>());
        Assert.Equal(4, run["rollout"]!["waves"]!.GetValue<int>());
        Assert.Equal(20, run["rollout"]!["nodesDone"]!.GetValue<int>());
        Assert.Equal(0, run["rollout"]!["nodesFailed"]!.GetValue<int>());
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name, ActionPath)));
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionDeliveries(n.Name)));

        var report = await env.Api.GetReportAsync(id);
        var events = Events(report);
        output.WriteLine(string.Join(" → ", events));
        // Each wave starts after the previous one passed its gate.
        var started = Timeline(report, "wave-started").ToList();
        Assert.Equal([1, 2, 3, 4], started.Select(e => e["wave"]!.GetValue<int>()));
        Assert.Equal(["1 nodes", "5 nodes", "4 nodes", "10 nodes"], started.Select(e => string.Join(' ', e["detail"]!.GetValue<string>().Split(' ').Take(2))));
        var timeline = report["timeline"]!.AsArray().Select(e => (Event: e!["event"]!.GetValue<string>(), Wave: e["wave"]?.GetValue<int>())).ToList();
        int Where(string what, int wave) => timeline.FindIndex(e => e.Event == what && e.Wave == wave);
        for (var w = 1; w <= 4; w++)
        {
            Assert.True(Where("wave-started", w) < Where("actions-done", w), $"wave {w}");
            Assert.True(Where("actions-done", w) < Where("gate-passed", w), $"wave {w}");
            if (w < 4) Assert.True(Where("gate-passed", w) < Where("wave-started", w + 1), $"wave {w + 1} started before wave {w} passed its gate");
        }
        Assert.Equal("completed", events.Last());

        // Per node: its wave, in inventory order, and no node of a wave was changed before the previous wave's nodes.
        var nodes = report["nodes"]!.AsArray();
        Assert.Equal(20, nodes.Count);
        int[] expectedWave = [1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
        Assert.Equal(expectedWave, nodes.Select(n => n!["wave"]!.GetValue<int>()));
        Assert.All(nodes, n => Assert.True(n!["action"]!["ok"]!.GetValue<bool>()));
        Assert.All(nodes, n => Assert.Equal(1, n!["action"]!["attempts"]!.GetValue<int>()));
        Assert.All(nodes, n => Assert.Equal(1, n!["gate"]!["passes"]!.GetValue<int>()));
        var at = nodes.Select(n => (Wave: n!["wave"]!.GetValue<int>(), At: n["action"]!["at"]!.GetValue<DateTimeOffset>())).ToList();
        for (var w = 1; w < 4; w++)
            Assert.True(at.Where(a => a.Wave == w).Max(a => a.At) < at.Where(a => a.Wave == w + 1).Min(a => a.At), $"wave {w + 1} started before wave {w} ended");
    }

    [Fact]
    public async Task Gate_failures_up_to_the_budget_are_tolerated_and_one_more_halts()
    {
        // 10% of 20 nodes allows 2 gate failures: nodes 2 and 7 turning unhealthy finish the rollout; with node 8 as
        // well, the third failure (in wave 3) halts it and wave 4 is never started.
        await using var tolerated = await FleetAsync(20);
        await using var exceeded = await FleetAsync(20);
        foreach (var i in new[] { 1, 6 }) tolerated.SetActionBehaviour(tolerated.Nodes[i].Name, unhealthyAfter: true);
        foreach (var i in new[] { 1, 6, 7 }) exceeded.SetActionBehaviour(exceeded.Nodes[i].Name, unhealthyAfter: true);
        void Budget(JsonObject r)
        {
            WavesOf(r);
            r["budgets"] = new JsonObject { ["gateFailures"] = "10%" };
            r["gate"]!["deadlineSeconds"] = 2;
        }
        var ok = await env.Api.StartRolloutAsync(Request(tolerated, Budget));
        var halted = await env.Api.StartRolloutAsync(Request(exceeded, Budget));

        var okRun = await env.Api.WaitForEndAsync(ok);
        Assert.Equal("completed", State(okRun));
        Assert.Equal(2, okRun["rollout"]!["gateFailures"]!.GetValue<int>());
        Assert.All(tolerated.Nodes, n => Assert.Equal(1, tolerated.ActionsApplied(n.Name)));

        var haltedRun = await env.Api.WaitForEndAsync(halted);
        output.WriteLine(haltedRun.ToJsonString());
        Assert.Equal("Completed", haltedRun["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("halted", State(haltedRun));
        Assert.Equal(3, haltedRun["rollout"]!["gateFailures"]!.GetValue<int>());
        Assert.Equal(3, haltedRun["rollout"]!["wave"]!.GetValue<int>());
        Assert.Contains("gate failures: 3 of 20", haltedRun["rollout"]!["reason"]!.GetValue<string>());
        Assert.All(exceeded.Nodes.Take(10), n => Assert.Equal(1, exceeded.ActionsApplied(n.Name)));
        Assert.All(exceeded.Nodes.Skip(10), n => Assert.Equal(0, exceeded.ActionDeliveries(n.Name)));

        var report = await env.Api.GetReportAsync(halted);
        Assert.Equal([exceeded.Nodes[1].Name], Timeline(report, "gate-failed").Where(e => e["wave"]!.GetValue<int>() == 2).Select(e => e["detail"]!.GetValue<string>().Split(": ").Last()));
        Assert.Contains($"{exceeded.Nodes[6].Name}, {exceeded.Nodes[7].Name}", Timeline(report, "gate-failed").Single(e => e["wave"]!.GetValue<int>() == 3)["detail"]!.GetValue<string>());
        Assert.Equal("halted", Events(report).Last());
        var failedGate = report["nodes"]!.AsArray().Where(n => n!["gate"] is { } g && !g["lastOk"]!.GetValue<bool>()).Select(n => n!["name"]!.GetValue<string>());
        Assert.Equal([exceeded.Nodes[1].Name, exceeded.Nodes[6].Name, exceeded.Nodes[7].Name], failedGate);
        Assert.Contains("503", report["nodes"]![1]!["gate"]!["lastError"]!.GetValue<string>());
    }

    [Fact]
    public async Task Action_failures_count_against_their_budget()
    {
        // Two nodes whose action fails (500, retried with the same key, never applied); a budget of 1 halts on the second.
        await using var fleet = await FleetAsync(10);
        fleet.SetActionBehaviour(fleet.Nodes[2].Name, fail: true);
        fleet.SetActionBehaviour(fleet.Nodes[4].Name, fail: true);
        var id = await env.Api.StartRolloutAsync(Request(fleet, r =>
        {
            r["waves"] = Array(2, 3, "100%");
            r["budgets"] = new JsonObject { ["actionFailures"] = 1 };
            r["action"]!["retries"] = 1;
        }));
        var run = await env.Api.WaitForEndAsync(id);
        Assert.Equal("halted", State(run));
        Assert.Equal(2, run["rollout"]!["nodesFailed"]!.GetValue<int>());
        Assert.Contains("action failures: 2", run["rollout"]!["reason"]!.GetValue<string>());
        // Wave 2 (nodes 3-5) ran to its end; wave 3 never started.
        Assert.Equal(2, fleet.ActionDeliveries(fleet.Nodes[2].Name)); // one retry, same Idempotency-Key
        Assert.Equal(0, fleet.ActionsApplied(fleet.Nodes[2].Name));
        Assert.Equal(1, fleet.ActionsApplied(fleet.Nodes[3].Name));
        Assert.All(fleet.Nodes.Skip(5), n => Assert.Equal(0, fleet.ActionDeliveries(n.Name)));
        var report = await env.Api.GetReportAsync(id);
        var failed = report["nodes"]![2]!["action"]!;
        Assert.False(failed["ok"]!.GetValue<bool>());
        Assert.Equal(2, failed["attempts"]!.GetValue<int>());
        Assert.Equal(500, failed["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Approve_resumes_reject_halts_and_an_approval_timeout_halts()
    {
        await using var fleetA = await FleetAsync(4);
        await using var fleetB = await FleetAsync(4);
        await using var fleetC = await FleetAsync(4);
        static Action<JsonObject> Approval(string mode, int timeout = 120) => r =>
        {
            r["waves"] = Array(1, "100%");
            r["approval"] = new JsonObject { ["mode"] = mode, ["timeoutSeconds"] = timeout };
        };
        var approved = await env.Api.StartRolloutAsync(Request(fleetA, Approval("after-canary")));
        var rejected = await env.Api.StartRolloutAsync(Request(fleetB, Approval("after-canary")));
        var timedOut = await env.Api.StartRolloutAsync(Request(fleetC, Approval("before-first", timeout: 2)));

        var waiting = await env.Api.WaitForStateAsync(approved, "waiting-approval");
        Assert.Equal(2, waiting["rollout"]!["wave"]!.GetValue<int>());
        Assert.Equal("approval", waiting["rollout"]!["waitingFor"]!.GetValue<string>());
        Assert.Equal(1, fleetA.Applied());
        var (status, body) = await env.Api.ControlAsync(approved, "approve", new { by = "alice", reason = "canary looks fine" });
        Assert.Equal(202, status);
        var approvedRun = await env.Api.WaitForEndAsync(approved);
        Assert.Equal("completed", State(approvedRun));
        Assert.Equal(4, fleetA.Applied());
        var approval = Timeline(await env.Api.GetReportAsync(approved), "approved").Single();
        Assert.Equal("alice", approval["by"]!.GetValue<string>());
        Assert.Equal("canary looks fine", approval["detail"]!.GetValue<string>());
        Assert.Equal(2, approval["wave"]!.GetValue<int>());

        // Not waiting any more: 409.
        (status, body) = await env.Api.ControlAsync(approved, "approve", new { by = "alice" });
        Assert.Equal(409, status);
        Assert.Contains("not waiting for approval", body!["title"]!.GetValue<string>());

        await env.Api.WaitForStateAsync(rejected, "waiting-approval");
        (status, _) = await env.Api.ControlAsync(rejected, "reject", new { by = "bob", reason = "error rate up" });
        Assert.Equal(202, status);
        var rejectedRun = await env.Api.WaitForEndAsync(rejected);
        Assert.Equal("halted", State(rejectedRun));
        Assert.Contains("rejected by bob: error rate up", rejectedRun["rollout"]!["reason"]!.GetValue<string>());
        Assert.Equal(1, fleetB.Applied());

        var timedOutRun = await env.Api.WaitForEndAsync(timedOut);
        Assert.Equal("halted", State(timedOutRun));
        Assert.Contains("timed out", timedOutRun["rollout"]!["reason"]!.GetValue<string>());
        Assert.Equal(0, fleetC.Applied());
        Assert.Contains("approval-timed-out", Events(await env.Api.GetReportAsync(timedOut)));
    }

    [Fact]
    public async Task Pause_holds_the_rollout_after_the_chunk_in_flight_and_resume_finishes_it()
    {
        await using var fleet = await FleetAsync(12, TimeSpan.FromMilliseconds(300));
        // Concurrency 1: chunks of 4 nodes, 1.2 s each.
        var id = await env.Api.StartRolloutAsync(Request(fleet, r => { r["waves"] = Array(2, "100%"); r["concurrency"] = 1; }));
        await UntilAsync(() => fleet.Applied() >= 3, 30, "3 nodes changed");
        var (status, _) = await env.Api.ControlAsync(id, "pause", new { by = "carol", reason = "lunch" });
        Assert.Equal(202, status);
        var paused = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(30), r => r["runtimeStatus"]!.GetValue<string>() == "Suspended");
        Assert.Equal("paused", State(paused));
        (status, _) = await env.Api.ControlAsync(id, "pause");
        Assert.Equal(409, status);

        // The chunk in flight finishes; then nothing moves.
        var settled = await SettledAsync(fleet);
        await Task.Delay(2500);
        var whilePaused = fleet.Applied();
        Assert.Equal(settled, whilePaused);
        Assert.True(whilePaused < 12, $"{whilePaused} nodes changed: the pause came too late to prove anything");

        (status, _) = await env.Api.ControlAsync(id, "resume", new { by = "carol" });
        Assert.Equal(202, status);
        var run = await env.Api.WaitForEndAsync(id);
        Assert.Equal("completed", State(run));
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name)));
        var report = await env.Api.GetReportAsync(id);
        Assert.Equal("carol", Timeline(report, "paused").Single()["by"]!.GetValue<string>());
        Assert.Equal("lunch", Timeline(report, "paused").Single()["detail"]!.GetValue<string>());
        Assert.Single(Timeline(report, "resumed"));
        Assert.True(Timeline(report, "paused").Single()["at"]!.GetValue<DateTime>() < Timeline(report, "resumed").Single()["at"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task Cancel_lets_the_nodes_in_flight_finish_starts_no_more_and_releases_the_lock()
    {
        await using var fleet = await FleetAsync(20, TimeSpan.FromMilliseconds(300));
        // Concurrency 2: chunks of 8; wave 2 (8 nodes) is one chunk of 1.2 s.
        var json = Request(fleet, r => { r["waves"] = Array(2, 8, "100%"); r["concurrency"] = 2; });
        var id = await env.Api.StartRolloutAsync(json);
        await UntilAsync(() => fleet.Applied() >= 3, 30, "wave 2 under way");
        using (var cancel = await env.Api.SendAsync(Routes.CancelRun, [id]))
            Assert.Equal(202, (int)cancel.StatusCode);
        var run = await env.Api.WaitForEndAsync(id);
        output.WriteLine(run.ToJsonString());
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("cancelled", State(run));
        // Wave 1 was done; in wave 2 the nodes in flight finished and the chunk started no more; wave 3 never started.
        Assert.All(fleet.Nodes.Take(2), n => Assert.Equal(1, fleet.ActionsApplied(n.Name)));
        Assert.All(fleet.Nodes.Take(10), n => Assert.InRange(fleet.ActionsApplied(n.Name), 0, 1));
        Assert.All(fleet.Nodes.Skip(10), n => Assert.Equal(0, fleet.ActionDeliveries(n.Name)));
        Assert.Equal(fleet.Applied(), run["rollout"]!["nodesDone"]!.GetValue<int>());
        var events = Events(await env.Api.GetReportAsync(id));
        Assert.Contains("cancel-requested", events);
        Assert.Equal("cancelled", events.Last());
        Assert.DoesNotContain(Timeline(await env.Api.GetReportAsync(id), "wave-started"), e => e["wave"]!.GetValue<int>() == 3);

        using (var again = await env.Api.SendAsync(Routes.CancelRun, [id]))
            Assert.Equal(409, (int)again.StatusCode);
        // The lock is released: the same nodes can be rolled out again.
        var next = await env.Api.StartRolloutAsync(json);
        using (await env.Api.SendAsync(Routes.CancelRun, [next])) { }
        Assert.Equal("cancelled", State(await env.Api.WaitForEndAsync(next)));
    }

    [Fact]
    public async Task Rollback_touches_exactly_the_nodes_already_changed()
    {
        await using var fleet = await FleetAsync(20);
        foreach (var i in new[] { 6, 7, 8 }) fleet.SetActionBehaviour(fleet.Nodes[i].Name, unhealthyAfter: true);
        var id = await env.Api.StartRolloutAsync(Request(fleet, r =>
        {
            WavesOf(r);
            r["budgets"] = new JsonObject { ["gateFailures"] = 2, ["onExceeded"] = "rollback" };
            r["rollback"] = new JsonObject { ["url"] = "http://{{address}}" + RollbackPath };
            r["gate"]!["deadlineSeconds"] = 2;
        }));
        var run = await env.Api.WaitForEndAsync(id);
        output.WriteLine(run.ToJsonString());
        Assert.Equal("rolled-back", State(run));
        Assert.Equal(10, run["rollout"]!["rolledBack"]!.GetValue<int>());
        // Waves 1-3 (nodes 1-10) were changed and are rolled back, once each; wave 4 was never touched.
        Assert.All(fleet.Nodes.Take(10), n =>
        {
            Assert.Equal(1, fleet.ActionsApplied(n.Name, ActionPath));
            Assert.Equal(1, fleet.ActionsApplied(n.Name, RollbackPath));
        });
        Assert.All(fleet.Nodes.Skip(10), n => Assert.Equal(0, fleet.ActionDeliveries(n.Name)));
        // The rollback healed the nodes the action had made unhealthy.
        Assert.All(fleet.Nodes, n => Assert.Equal(NodeFault.None, fleet.ExpectedFault(n.Name)));
        var report = await env.Api.GetReportAsync(id);
        Assert.Equal(10, report["nodes"]!.AsArray().Count(n => n!["rollback"] is { } rb && rb["ok"]!.GetValue<bool>()));
        Assert.Equal(["budget-exceeded", "rollback-started", "rollback-done", "rolled-back"], Events(report).TakeLast(4));
    }

    [Fact]
    public async Task A_second_rollout_on_the_same_inventory_gets_409_naming_the_first()
    {
        await using var fleet = await FleetAsync(5);
        var inventory = "roll-" + Guid.NewGuid().ToString("N")[..8];
        var ini = new StringBuilder("[web]\n");
        foreach (var n in fleet.Nodes) ini.AppendLine($"{n.Name} ansible_host=127.0.0.1 ansible_port={n.Port}");
        using (var put = await env.Api.SendAsync(Routes.PutInventory, [inventory], new StringContent(ini.ToString(), Encoding.UTF8, "text/plain")))
            Assert.Equal(201, (int)put.StatusCode);

        string ByInventory(string? selector = null) => Request(fleet, r =>
        {
            r.Remove("targets");
            r["inventory"] = inventory;
            if (selector is not null) r["selector"] = selector;
            r["approval"] = new JsonObject { ["mode"] = "before-first" };
        });
        var first = await env.Api.StartRolloutAsync(ByInventory());
        await env.Api.WaitForStateAsync(first, "waiting-approval");

        // The lock is the inventory's, whatever the selector picks.
        using (var second = await env.Api.PostAsync(ByInventory("group=web")))
        {
            Assert.Equal(409, (int)second.StatusCode);
            Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
            Assert.Contains(first, problem["detail"]!.GetValue<string>());
            Assert.Equal("inventory", problem["errors"]![0]!["field"]!.GetValue<string>());
            Assert.Contains(first, problem["errors"]![0]!["message"]!.GetValue<string>());
        }

        // Inline nodes lock on their names, in any order.
        var inline = await env.Api.StartRolloutAsync(Request(fleet, r => r["approval"] = new JsonObject { ["mode"] = "before-first" }));
        using (var reversed = await env.Api.PostAsync(Request(fleet, r => r["targets"] = new JsonArray(r["targets"]!.AsArray().Reverse().Select(t => t!.DeepClone()).ToArray()))))
        {
            Assert.Equal(409, (int)reversed.StatusCode);
            Assert.Contains(inline, await reversed.Content.ReadAsStringAsync());
        }

        var (status, _) = await env.Api.ControlAsync(first, "reject", new { by = "dave" });
        Assert.Equal(202, status);
        Assert.Equal("halted", State(await env.Api.WaitForEndAsync(first)));
        using (await env.Api.SendAsync(Routes.CancelRun, [inline])) { }
        Assert.Equal("cancelled", State(await env.Api.WaitForEndAsync(inline)));
        Assert.Equal(0, fleet.Applied());

        // Released: the inventory can be rolled out now.
        var third = await env.Api.StartRolloutAsync(Request(fleet, r => { r.Remove("targets"); r["inventory"] = inventory; }));
        Assert.Equal("completed", State(await env.Api.WaitForEndAsync(third)));
        Assert.Equal(5, fleet.Applied());
    }

    [Fact]
    public async Task A_message_on_rollout_requests_starts_a_rollout_once()
    {
        await using var fleet = await FleetAsync(6);
        var requestId = "rq-" + Guid.NewGuid().ToString("N");
        var json = Request(fleet, r => r["requestId"] = requestId);
        var queue = new QueueClient(env.Storage.ConnectionString, "rollout-requests", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(json);
        await queue.SendMessageAsync(json);
        var run = await env.Api.WaitForRunAsync(requestId, TimeSpan.FromSeconds(60),
            r => r["runtimeStatus"]!.GetValue<string>() is "Completed" or "Failed" or "Terminated");
        Assert.Equal("completed", State(run));
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name)));
        Assert.Single(await env.Api.ListRunsAsync(), r => r!["id"]!.GetValue<string>() == requestId);
    }

    [Fact]
    public async Task Invalid_requests_get_400_naming_the_fields_and_start_nothing()
    {
        using var response = await env.Api.PostAsync("""
            {"targets":[{"name":"a","address":"127.0.0.1:1"}],"waves":[0],"concurrency":0,
             "action":{"url":"ftp://{{host}}/x"},"budgets":{"gateFailures":"120%"},"approval":{"mode":"sometimes"}}
            """);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("waves[0]", fields);
        Assert.Contains("concurrency", fields);
        Assert.Contains("action.url", fields);
        Assert.Contains("budgets.gateFailures", fields);
        Assert.Contains("approval.mode", fields);

        using var noInventory = await env.Api.PostAsync("""{"inventory":"no-such-inventory","action":{"url":"http://{{address}}/a"}}""");
        Assert.Equal(400, (int)noInventory.StatusCode);
        Assert.Equal("inventory", JsonNode.Parse(await noInventory.Content.ReadAsStringAsync())!["errors"]![0]!["field"]!.GetValue<string>());

        using var unknown = await env.Api.PostAsync("""{"targets":[{"name":"a","address":"127.0.0.1:1"}],"action":{"url":"http://{{address}}/a"},"wavez":[1]}""");
        Assert.Equal("wavez", JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retune_changes_concurrency_and_budgets_from_the_next_wave()
    {
        await using var fleet = await FleetAsync(12, TimeSpan.FromMilliseconds(300));
        var id = await env.Api.StartRolloutAsync(Request(fleet, r => { r["waves"] = Array(4, "100%"); r["concurrency"] = 1; }));
        var (status, body) = await env.Api.ControlAsync(id, "retune", new { concurrency = 0 });
        Assert.Equal(400, status);
        Assert.Equal("concurrency", body!["errors"]![0]!["field"]!.GetValue<string>());
        await UntilAsync(() => fleet.Applied() >= 1, 30, "wave 1 under way");
        (status, _) = await env.Api.ControlAsync(id, "retune", new { concurrency = 4, budgets = new { actionFailures = "10%" }, by = "erin" });
        Assert.Equal(202, status);

        var run = await env.Api.WaitForEndAsync(id);
        Assert.Equal("completed", State(run));
        Assert.Equal(4, run["rollout"]!["concurrency"]!.GetValue<int>());
        Assert.Equal("10%", run["rollout"]!["actionBudget"]!.GetValue<string>());
        var report = await env.Api.GetReportAsync(id);
        Assert.Equal("erin", Timeline(report, "retune-received").Single()["by"]!.GetValue<string>());
        var retuned = Timeline(report, "retuned").Single();
        Assert.Equal(2, retuned["wave"]!.GetValue<int>());
        Assert.EndsWith("concurrency 1", Timeline(report, "wave-started").First()["detail"]!.GetValue<string>());
        Assert.EndsWith("concurrency 4", Timeline(report, "wave-started").Last()["detail"]!.GetValue<string>());
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name)));

        (status, _) = await env.Api.ControlAsync(id, "retune", new { concurrency = 2 });
        Assert.Equal(409, status);
    }

    [Fact]
    public async Task Preflight_leaves_out_unhealthy_nodes_of_an_inline_inventory()
    {
        await using var fleet = await FleetAsync(10);
        fleet.SetFault(fleet.Nodes[2].Name, NodeFault.WrongStatus);
        fleet.SetFault(fleet.Nodes[5].Name, NodeFault.Down);
        var ini = new StringBuilder("[app]\n");
        foreach (var n in fleet.Nodes) ini.AppendLine($"{n.Name} ansible_host=127.0.0.1 ansible_port={n.Port}");
        var id = await env.Api.StartRolloutAsync(Request(fleet, r =>
        {
            r.Remove("targets");
            r["inventoryInline"] = new JsonObject { ["format"] = "ansible-ini", ["content"] = ini.ToString() };
            r["preflight"] = true;
            r["waves"] = Array(1, "100%");
        }));
        var run = await env.Api.WaitForEndAsync(id);
        output.WriteLine(run.ToJsonString());
        Assert.Equal("completed", State(run));
        Assert.Equal(2, run["rollout"]!["excluded"]!.GetValue<int>());
        Assert.Equal(8, run["rollout"]!["nodesTotal"]!.GetValue<int>());
        Assert.Equal([1, 7], run["rollout"]!["waveSizes"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(0, fleet.ActionDeliveries(fleet.Nodes[2].Name));
        Assert.Equal(0, fleet.ActionDeliveries(fleet.Nodes[5].Name));
        Assert.Equal(8, fleet.Applied());

        var report = await env.Api.GetReportAsync(id);
        var excluded = report["nodes"]!.AsArray().Where(n => n!["excluded"] is not null).ToList();
        Assert.Equal([fleet.Nodes[2].Name, fleet.Nodes[5].Name], excluded.Select(n => n!["name"]!.GetValue<string>()));
        Assert.Contains("503", excluded[0]!["excluded"]!.GetValue<string>());
        Assert.Contains("refused", excluded[1]!["excluded"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(fleet.Nodes[5].Name, Timeline(report, "preflight").Single()["detail"]!.GetValue<string>());
    }

    /// <summary>The applied count once it has not moved for 1.5 s (a chunk in flight takes 1.2 s at most).</summary>
    private static async Task<long> SettledAsync(SimulatedFleet fleet)
    {
        var (last, since) = (fleet.Applied(), DateTime.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow - since < TimeSpan.FromSeconds(1.5))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the actions did not settle");
            await Task.Delay(100);
            var now = fleet.Applied();
            if (now != last) (last, since) = (now, DateTime.UtcNow);
        }
        return last;
    }
}
