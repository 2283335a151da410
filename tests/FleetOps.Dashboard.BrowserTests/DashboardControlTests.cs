using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.Dashboard.BrowserTests;

public sealed partial class DashboardTests
{
    [Fact]
    public async Task A_rollout_waiting_for_approval_is_approved_paused_and_resumed_from_its_page()
    {
        // A canary, then 4 nodes one at a time, 2 s each: long enough to pause mid-wave.
        await using var fleet = await FleetAsync(5, TimeSpan.FromSeconds(2));
        var request = new JsonObject
        {
            ["name"] = "deploy",
            ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
            ["action"] = new JsonObject { ["url"] = "http://{{address}}/action/deploy", ["body"] = """{"version":"2.0"}""",
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json" } },
            ["gate"] = new JsonObject
            {
                ["checks"] = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
                ["intervalSeconds"] = 1,
                ["deadlineSeconds"] = 3,
            },
            ["waves"] = new JsonArray(1, "100%"),
            ["concurrency"] = 1,
            ["approval"] = new JsonObject { ["mode"] = "after-canary", ["timeoutSeconds"] = 300 },
        };
        using var started = await env.Api.SendAsync(Routes.StartRollout, content: FleetOpsApiClient.Json(request.ToJsonString()));
        var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        var tab = await env.OpenAsync($"#/runs/{Uri.EscapeDataString(id)}");
        await tab.WaitAsync("#rollout-summary[data-state='waiting-approval']", 60);
        Assert.True(await tab["#control-approve"].IsEnabledAsync());
        Assert.False(await tab["#control-resume"].IsEnabledAsync());
        await tab.ScreenshotAsync("rollout-waiting-approval");

        await tab.Page.GetByLabel("Who").FillAsync("alice");
        await tab.Page.GetByLabel("Why").FillAsync("canary looks fine");
        await tab["#control-approve"].ClickAsync();
        await tab.WaitAsync("#control-result:has-text('approve: accepted')");
        await tab.WaitAsync("#rollout-summary[data-state='running']", 30);

        await tab["#control-pause"].ClickAsync();
        await tab.WaitAsync("#rollout-summary[data-state='paused']", 30);
        Assert.True(await tab["#control-resume"].IsEnabledAsync());
        await tab.ScreenshotAsync("rollout-paused");
        var appliedWhilePaused = fleet.Nodes.Sum(n => fleet.ActionsApplied(n.Name));
        Assert.True(appliedWhilePaused < 5, $"paused with {appliedWhilePaused} of 5 applied");

        await tab["#control-resume"].ClickAsync();
        await tab.WaitAsync("#rollout-summary[data-state='completed']", 90);
        Assert.Equal(5, fleet.Nodes.Sum(n => fleet.ActionsApplied(n.Name)));
        // The timeline shows who approved, and the nodes table shows every node done.
        await tab.WaitAsync("#rollout-timeline td:text-is('alice')", 30);
        await tab.WaitAsync("#rollout-nodes caption:has-text('of 5')", 30);
        Assert.Equal(5, await tab["#rollout-nodes [data-state='done']"].CountAsync());
        await tab.ScreenshotAsync("rollout-completed");
        NoErrors(tab);
        await tab.Page.CloseAsync();
    }

    [Fact]
    public async Task A_monitors_target_turns_down_on_its_page_when_the_simulator_breaks_it()
    {
        await using var fleet = await FleetAsync(4);
        var name = Unique("mon");
        await env.Api.Client.PutMonitorAsync(name, Monitor(fleet, interval: "1s").ToJsonString());
        var tab = await env.OpenAsync($"#/monitors/{name}");
        await tab.WaitAsync("#monitor-overview[data-state='up']", 60);
        Assert.Contains("No incidents", await tab["#monitor-incidents"].InnerTextAsync());

        var broken = fleet.Nodes[2].Name;
        fleet.SetFault(broken, NodeFault.Down);
        await tab.WaitAsync($"#monitor-incidents td:text-is('{broken}')", 60);
        await tab.WaitAsync($"#monitor-targets tr:has(td:text-is('{broken}')) [data-state='down']", 10);
        Assert.Equal(1, await tab["#monitor-incidents tbody tr"].CountAsync());
        await tab.ScreenshotAsync("monitor-target-down");

        // Only the down targets, through the server's state filter.
        await tab.Page.GetByLabel("Show targets").SelectOptionAsync("down");
        await tab.WaitAsync("#monitor-targets caption:text-is('Targets down')");
        Assert.Equal(1, await tab["#monitor-targets tbody tr"].CountAsync());
        NoErrors(tab);
        await tab.Page.CloseAsync();
        await env.Api.SendAsync(Routes.DeleteMonitor, [name]);
    }
}
