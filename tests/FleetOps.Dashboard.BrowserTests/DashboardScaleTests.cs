using System.Diagnostics;
using System.Globalization;
using System.Text;
using FleetOps.Api;
using FleetOps.Testing;
using Microsoft.Playwright;

namespace FleetOps.Dashboard.BrowserTests;

/// <summary>
/// The monitor page of a large fleet (100,000 targets when measured): what the browser is sent stays a page (no response grows with the fleet), and
/// only a page of rows is drawn. It prints the time to first render and to update (figures, not asserted: see
/// docs/benchmarks.md).
/// </summary>
public sealed partial class DashboardTests
{
    /// <summary>
    /// CI draws 5,000 targets (what is asserted holds at any size past a page, and CI has a time budget);
    /// <c>FLEETOPS_DASHBOARD_TARGETS=100000</c> gives the figures recorded in docs/benchmarks.md.
    /// </summary>
    private static readonly int ScaleTargets =
        int.TryParse(Environment.GetEnvironmentVariable("FLEETOPS_DASHBOARD_TARGETS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 1000 ? n : 5_000;

    [Fact]
    public async Task The_monitor_page_of_a_large_fleet_is_sent_and_drawn_a_page_at_a_time()
    {
        // Every target refuses at once (a closed loopback port): one cycle of 100,000 tcp probes, then an hour's wait.
        var closed = FreePorts.Next();
        var name = Unique("big");
        var json = new StringBuilder("""{"checks":[{"kind":"tcp"}],"options":{"timeoutMs":1000},"interval":"1h","failureThreshold":1,"targets":[""");
        for (var i = 0; i < ScaleTargets; i++)
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"name":"t-{{i:D6}}","address":"127.0.0.1:{{closed}}"}""");
        json.Append("]}");
        var watch = Stopwatch.StartNew();
        await env.Api.Client.PutMonitorAsync(name, json.ToString());
        await MonitorKitLite.UntilDownAsync(env.Api, name, ScaleTargets, TimeSpan.FromMinutes(4));
        output.WriteLine($"{ScaleTargets:N0}-target monitor defined and one cycle done in {watch.Elapsed.TotalSeconds:F1} s");

        var tab = await env.OpenAsync("#/runs");
        await tab.WaitAsync("main[data-updates]");
        var sizes = new List<(string Url, int Bytes)>();
        tab.Page.Response += async (_, r) =>
        {
            if (!r.Url.Contains("/api/", StringComparison.Ordinal)) return;
            try { var body = await r.BodyAsync(); lock (sizes) sizes.Add((r.Url, body.Length)); } catch (PlaywrightException) { }
        };

        watch.Restart();
        await tab.Page.EvaluateAsync($"location.hash = '#/monitors/{name}'");
        await tab.WaitAsync("#monitor-targets tbody tr");
        await tab.WaitAsync("main[data-updates='1']");
        var seen = watch.Elapsed.TotalMilliseconds;
        var first = await tab.Page.EvaluateAsync<double>("FO.measure.firstRenderMs");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{ScaleTargets:N0} down"), await tab["#monitor-overview"].InnerTextAsync());
        Assert.Equal(100, await tab["#monitor-targets tbody tr"].CountAsync());
        Assert.Equal(20, await tab["#monitor-incidents tbody tr"].CountAsync());
        // Uptime is read apart (it sums every target's window on the server); its figures arrive once the cycle's
        // tallies are written: a page of them at most.
        await tab.WaitAsync("#monitor-uptime[data-loaded]", 120);
        var uptimeMs = await tab.Page.EvaluateAsync<double>("FO.measure.slowMs");
        var uptimeRows = await tab["#monitor-uptime tbody tr"].CountAsync();
        Assert.InRange(uptimeRows, 0, 100);
        Assert.True(await tab.Page.EvaluateAsync<int>("document.querySelectorAll('tr').length") < 300);

        // Six refreshes after the first (each: the monitor's summary, the first 20 down, a page of targets).
        await tab.Page.WaitForFunctionAsync("() => FO.measure.updates >= 7", null, new() { Timeout = 180_000 });
        var updates = (await tab.Page.EvaluateAsync<double[]>("FO.measure.updatesMs")).Skip(1).ToList();
        await tab.ScreenshotAsync("monitor-100k");

        // The next page of targets comes from the server, a page again.
        watch.Restart();
        await tab["#monitor-targets + .pager button:text-is('Next page')"].ClickAsync();
        await tab.WaitAsync("#monitor-targets td:text-is('t-000100')", 120);
        var nextPage = watch.Elapsed.TotalMilliseconds;

        List<(string Url, int Bytes)> sent;
        lock (sizes) sent = [.. sizes];
        var largest = sent.MaxBy(s => s.Bytes);
        output.WriteLine($"time to first render: {first:F0} ms in the page ({seen:F0} ms from navigation to the rows, as Playwright saw it)");
        output.WriteLine($"time to update: median {Median(updates):F0} ms, min {updates.Min():F0} ms, max {updates.Max():F0} ms over {updates.Count} refreshes (every 2 s)");
        output.WriteLine($"uptime and events (read apart): {uptimeMs:F0} ms; uptime rows drawn: {uptimeRows}; rows in the document: {await tab.Page.EvaluateAsync<int>("document.querySelectorAll('tr').length")}");
        output.WriteLine($"next page of targets: {nextPage:F0} ms; API responses: {sent.Count}, largest {largest.Bytes} bytes ({largest.Url})");
        Assert.All(sent, s => Assert.True(s.Bytes < 128 * 1024, $"{s.Url}: {s.Bytes} bytes"));
        NoErrors(tab);
        await tab.Page.CloseAsync();
        (await env.Api.SendAsync(Routes.DeleteMonitor, [name])).Dispose();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>Waiting for a monitor's summary to count every target down.</summary>
internal static class MonitorKitLite
{
    public static async Task UntilDownAsync(RunsClient api, string name, int down, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await api.SendAsync(Routes.GetMonitorSummary, [name]);
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && System.Text.Json.Nodes.JsonNode.Parse(last)?["counts"]?["down"]?.GetValue<int>() == down) return;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"{name}: not {down} targets down within {timeout}: {last}");
    }
}
