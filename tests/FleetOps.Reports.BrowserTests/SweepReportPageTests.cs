using System.Text;
using FleetOps.Probing.Reports;
using FleetOps.Core.Results;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FleetOps.Reports.BrowserTests;

/// <summary>
/// Renders the HTML sweep report of a 300-target fleet to a file, opens it in headless Chromium and checks what a person
/// would see: the grid, the histogram and the tables, styled, with no request leaving the page. Leaves the page and a
/// full-page screenshot under artifacts/.
/// </summary>
public sealed class SweepReportPageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Report_page_shows_the_fleet_and_requests_nothing()
    {
        var current = SampleFleet.Current();
        var diff = ReportDiff.Compare(SampleFleet.Previous(), current);
        var reportPath = RepoRoot.Artifact("reports", "sweep-report.html");
        await using (var file = new StreamWriter(reportPath, false, new UTF8Encoding(false)))
            await HtmlReport.WriteAsync(file, SampleFleet.Header(), Batches(current), diff);

        await using var chromium = await SystemChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var requests = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        var url = new Uri(reportPath).AbsoluteUri;

        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.NotNull(response);
        await AssertGrid(page, current);
        await AssertHistogram(page, current.Count);
        await AssertTables(page, current, diff);
        await AssertStyledAndSortable(page);
        Assert.Empty(consoleErrors); // a blocked style or script (CSP hash mismatch) would show here
        Assert.Equal([url], requests); // the file itself, nothing else

        var screenshot = RepoRoot.Artifact("screenshots", "sweep-report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"report: {reportPath}");
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "screenshot is suspiciously small");
    }

    private static async Task AssertGrid(IPage page, List<TargetResult> results)
    {
        var squares = await page.EvaluateAsync<Dictionary<string, int>>(
            "() => Object.fromEntries([...document.querySelectorAll('#status-grid svg[data-group]')].map(s => [s.dataset.group, s.querySelectorAll('rect').length]))");
        var expected = results.GroupBy(r => r.Labels!["group"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected, squares);
        Assert.Equal(results.Count(r => !r.Ok), await page.Locator("#status-grid rect.fail").CountAsync());

        var tooltip = await page.Locator("#status-grid rect.fail title").First.TextContentAsync();
        Assert.Matches(@"^\S+ — \S+ — .+: .+$", tooltip);
        var box = await page.Locator("#status-grid svg[data-group=web]").BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 10 }, $"web grid box {box?.Width}×{box?.Height}");
    }

    private static async Task AssertHistogram(IPage page, int targets)
    {
        var bars = page.Locator("#latency-histogram g.bar");
        Assert.True(await bars.CountAsync() >= 3, "histogram has too few bars");
        var counted = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('#latency-histogram g.bar')].reduce((n, g) => n + +g.dataset.count, 0)");
        Assert.Equal(targets, counted);
        var drawn = await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('#latency-histogram g.bar rect')].every(r => r.getBBox().height >= 1)");
        Assert.True(drawn, "a histogram bar has no height");
        Assert.Contains("latency (ms)", await page.Locator("#latency-histogram").TextContentAsync());
    }

    private static async Task AssertTables(IPage page, List<TargetResult> results, SweepDiff diff)
    {
        var failed = results.Where(r => !r.Ok).ToList();
        var failedConditions = results.SelectMany(r => r.Checks).SelectMany(c => c.Conditions ?? []).Count(c => !c.Ok);
        var kinds = failed.Select(r => r.Error!.Kind).Distinct().Count();

        Assert.Equal(20, await page.Locator("#slowest tbody tr").CountAsync());
        Assert.Equal(failed.Count, await page.Locator("#failing tbody tr").CountAsync());
        Assert.Equal(failedConditions, await page.Locator("#condition-failures tbody tr").CountAsync());
        Assert.Equal(kinds, await page.Locator("#errors-by-kind tbody tr").CountAsync());
        Assert.Equal(diff.NewFailures.Count, await page.Locator("#diff-new-failures tbody tr").CountAsync());
        Assert.Equal(diff.Recoveries.Count, await page.Locator("#diff-recoveries tbody tr").CountAsync());
        Assert.Equal(diff.LatencyRegressions.Count, await page.Locator("#diff-regressions tbody tr").CountAsync());
        Assert.Equal(diff.Removed.Count, await page.Locator("#diff-removed li").CountAsync());

        var slowestName = results.MaxBy(r => r.LatencyMs)!.Name;
        Assert.Equal(slowestName, await page.Locator("#slowest tbody tr:first-child td:nth-child(2)").TextContentAsync());
    }

    private static async Task AssertStyledAndSortable(IPage page)
    {
        // The inline stylesheet applied (the page's CSP allows it by hash only).
        Assert.Equal("rgb(246, 247, 249)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Equal("rgb(214, 69, 69)", await page.EvaluateAsync<string>(
            "() => getComputedStyle(document.querySelector('#status-grid rect.fail')).fill"));

        // The inline script sorts: click the latency column of the failing table, fastest first.
        await page.Locator("#failing th", new PageLocatorOptions { HasText = "Latency" }).ClickAsync();
        var latencies = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('#failing tbody tr')].map(r => +r.cells[r.cells.length - 1].dataset.v)");
        Assert.Equal(latencies.Order(), latencies);
    }

    private static async IAsyncEnumerable<IReadOnlyList<TargetResult>> Batches(List<TargetResult> results)
    {
        foreach (var chunk in results.Chunk(64))
        {
            await Task.Yield();
            yield return chunk;
        }
    }
}
