using FleetOps.Api;
using Microsoft.Playwright;

namespace FleetOps.Dashboard.BrowserTests;

/// <summary>
/// A monitor's 90-day uptime bars (a segment per day, its day and uptime as text, a summary for screen readers) and an
/// inventory's host list filtered by the selector tester, in real Chromium under the page's strict policy.
/// </summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task A_monitor_shows_a_90_day_uptime_bar_per_target_with_each_day_as_text()
    {
        await using var fleet = await FleetAsync(4);
        var down = fleet.Nodes[2].Name;
        fleet.SetFault(down, Simulator.NodeFault.Down);
        var monitor = Unique("bars");
        await env.Api.Client.PutMonitorAsync(monitor, Monitor(fleet, interval: "2s").ToJsonString());

        var tab = await env.OpenAsync($"#/monitors/{monitor}");
        // Today's segment fills in once a cycle's tallies are counted (the bars are read every 10 s at most).
        await tab.WaitAsync($"#monitor-uptime-days .uptime-bar[data-target='{down}'] .day:last-child.day-low", 90);
        await tab.WaitAsync($"#monitor-uptime-days .uptime-bar[data-target='{fleet.Nodes[0].Name}'] .day:last-child.day-full", 30);
        Assert.Equal(4, await tab["#monitor-uptime-days .uptime-bar"].CountAsync());
        Assert.Equal(4 * 90, await tab["#monitor-uptime-days .uptime-bar .day"].CountAsync());

        var bar = tab[$"#monitor-uptime-days .uptime-bar[data-target='{down}']"];
        Assert.Equal("img", await bar.GetAttributeAsync("role"));
        var label = await bar.GetAttributeAsync("aria-label");
        Assert.StartsWith($"{down}: 0.00 % on average over 90 days, lowest 0.00 % on ", label);
        Assert.EndsWith(", 89 days without data", label);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"{today}: 0.00 % (", await bar.Locator(".day:last-child").GetAttributeAsync("title"));
        Assert.EndsWith(": no data", await bar.Locator(".day:first-child").GetAttributeAsync("title"));
        Assert.Contains("day-none", await bar.Locator(".day:first-child").GetAttributeAsync("class"));
        // The same as text in the table, and the colours explained in words.
        var row = tab["#monitor-uptime-days tbody tr"].Filter(new() { HasText = down });
        Assert.Contains($"0.00 % on {today}", await row.InnerTextAsync());
        Assert.Contains("no data", await tab["#uptime-legend"].InnerTextAsync());
        await tab["#monitor-uptime-days"].ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync("monitor-uptime-bars");
        NoErrors(tab);
        await tab.Page.CloseAsync();
        (await env.Api.SendAsync(Routes.DeleteMonitor, [monitor])).Dispose();
    }

    [Fact]
    public async Task An_inventory_lists_its_hosts_and_the_selector_tester_filters_the_list()
    {
        var inventory = Unique("inv");
        await env.Api.Client.PutInventoryAsync(inventory,
            "[web]\nweb-1 ansible_host=127.0.0.1 zone=a\nweb-2 ansible_host=127.0.0.2 zone=b\n[db]\ndb-1 ansible_host=127.0.0.3 zone=a\n", "ansible-ini");
        var tab = await env.OpenAsync($"#/inventories/{inventory}");
        await tab.WaitAsync("#inventory-hosts tbody tr");
        Assert.Equal(3, await tab["#inventory-hosts tbody tr"].CountAsync());
        var db = tab["#inventory-hosts tbody tr"].Filter(new() { HasText = "db-1" });
        Assert.Contains("127.0.0.3", await db.InnerTextAsync());
        Assert.Contains("zone=a", await db.InnerTextAsync());

        await tab.Page.GetByLabel("Selector").FillAsync("group=web,zone=a");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Count selected hosts" }).ClickAsync();
        await tab.WaitAsync("#inventory-hosts[data-selector='group=web,zone=a']");
        await tab.WaitAsync("#selector-result:has-text('1 of 3 hosts selected')");
        Assert.Equal(["web-1"], await tab["#inventory-hosts tbody tr td:first-child"].AllInnerTextsAsync());
        Assert.Contains("selected by group=web,zone=a", await tab["#inventory-hosts caption"].InnerTextAsync());
        await tab.ScreenshotAsync("inventory-hosts");

        // An empty selector shows every host again.
        await tab.Page.GetByLabel("Selector").FillAsync("");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Count selected hosts" }).ClickAsync();
        await tab.WaitAsync("#inventory-hosts[data-selector='']");
        Assert.Equal(3, await tab["#inventory-hosts tbody tr"].CountAsync());
        NoErrors(tab);
        await tab.Page.CloseAsync();
        await env.Api.Client.DeleteInventoryAsync(inventory);
    }
}
