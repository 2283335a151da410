using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Simulator;
using FleetOps.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FleetOps.Dashboard.BrowserTests;

/// <summary>
/// The dashboard in real Chromium against a real self-host on Azurite, with simulated fleets: every page opens, a sweep
/// is watched to its end, a rollout is approved, paused and resumed from its page, a monitor's target turns down.
/// </summary>
public sealed partial class DashboardTests(DashboardEnvironment env, ITestOutputHelper output) : IClassFixture<DashboardEnvironment>
{
    private static Task<SimulatedFleet> FleetAsync(int nodes, TimeSpan? actionDelay = null) => SimulatedFleet.StartAsync(new FleetSpec
    {
        Nodes = nodes,
        NamePrefix = $"d{Guid.NewGuid().ToString("N")[..6]}-",
        ActionDelay = actionDelay ?? TimeSpan.Zero,
    });

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private void NoErrors(DashboardTab tab)
    {
        foreach (var e in tab.Errors) output.WriteLine($"console: {e}");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Every_page_opens_with_its_data_labelled_controls_and_keyboard_focus()
    {
        await using var fleet = await FleetAsync(3);
        var monitor = Unique("mon");
        var inventory = Unique("inv");
        await env.Api.Client.PutMonitorAsync(monitor, Monitor(fleet, interval: "2s").ToJsonString());
        await env.Api.Client.PutInventoryAsync(inventory, "[web]\nweb-1 ansible_host=127.0.0.1\nweb-2 ansible_host=127.0.0.2\n[db]\ndb-1 ansible_host=127.0.0.3\n", "ansible-ini");

        var tab = await env.OpenAsync("#/runs");
        await tab.WaitAsync("main[data-updates]");
        Assert.Equal("Runs", await tab["main h2"].InnerTextAsync());
        Assert.DoesNotContain("code=", tab.Page.Url); // the key left the address bar
        await tab.ScreenshotAsync("runs");

        await tab.Page.GotoAsync(env.Host.BaseAddress + "#/monitors");
        await tab.WaitAsync($"#monitors a:text-is('{monitor}')");
        await tab.ScreenshotAsync("monitors");
        await tab[$"#monitors a:text-is('{monitor}')"].ClickAsync();
        await tab.WaitAsync("#monitor-overview dl");
        await tab.WaitAsync("#monitor-targets table");
        Assert.Equal(3, await tab["#monitor-targets tbody tr"].CountAsync());
        await tab.ScreenshotAsync("monitor");

        await tab.Page.GotoAsync(env.Host.BaseAddress + "#/inventories");
        await tab.WaitAsync($"#inventories a:text-is('{inventory}')");
        await tab[$"#inventories a:text-is('{inventory}')"].ClickAsync();
        await tab.WaitAsync("#inventory dl");
        Assert.Contains("db, web", await tab["#inventory"].InnerTextAsync());
        await tab.Page.GetByLabel("Selector").FillAsync("group=web");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Count selected hosts" }).ClickAsync();
        await tab.WaitAsync("#selector-result:has-text('2 of 3 hosts selected')");
        await tab.ScreenshotAsync("inventory");

        // Every field has a label; the keyboard reaches the controls and the focus ring shows.
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>(
            "[...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).length"));
        await tab["h1"].ClickAsync(); // the starting point of sequential focus navigation: the heading before the navigation
        await tab.Page.Keyboard.PressAsync("Tab");
        var focused = await tab.Page.EvaluateAsync<string[]>(
            "(() => { const e = document.activeElement; return [e.tagName, getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]; })()");
        output.WriteLine(string.Join(" ", focused));
        Assert.Equal("A", focused[0]); // the first link of the navigation
        Assert.Equal("solid", focused[1]);
        Assert.Equal("3px", focused[2]);
        NoErrors(tab);
        await tab.Page.CloseAsync();
        await env.Api.SendAsync(Api.Routes.DeleteMonitor, [monitor]);
    }

    [Fact]
    public async Task A_sweep_started_is_watched_live_to_its_end_and_links_its_report()
    {
        await using var fleet = await FleetAsync(40);
        var tab = await env.OpenAsync("#/runs");
        await tab.WaitAsync("main[data-updates]");
        var id = await env.Api.StartSweepAsync(RunsClient.SweepJson(fleet.ToTargetsJson(), new { batchSize = 5, concurrency = 4 }));

        // The list picks it up by itself (it polls), then its page follows it to the end.
        await tab.WaitAsync($"#runs a:text-is('{id}')", 30);
        await tab[$"#runs a:text-is('{id}')"].ClickAsync();
        await tab.WaitAsync("#run dl");
        await tab.ScreenshotAsync("sweep-running");
        await tab.WaitAsync("#run[data-runtime-status='Completed']", 90);
        Assert.Contains("40 / 40", await tab["#run"].InnerTextAsync());
        var report = await tab["#report-html"].GetAttributeAsync("href");
        Assert.StartsWith($"/api/runs/{id}/report?format=html&code=", report);
        await tab.ScreenshotAsync("sweep-done");

        // The report link opens the report (the key rides as ?code=, which both hosts take).
        var popup = await tab.Page.RunAndWaitForPopupAsync(() => tab["#report-html"].ClickAsync());
        await popup.WaitForLoadStateAsync();
        Assert.Contains(id, await popup.ContentAsync());
        await popup.CloseAsync();
        NoErrors(tab);
        await tab.Page.CloseAsync();
    }

    private static JsonObject Monitor(SimulatedFleet fleet, string interval) => new()
    {
        ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
        ["checks"] = new JsonArray(new JsonObject { ["kind"] = "tcp" }),
        ["options"] = new JsonObject { ["timeoutMs"] = 1000 },
        ["interval"] = interval,
        ["failureThreshold"] = 1,
        ["successThreshold"] = 1,
    };
}
