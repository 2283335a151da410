using System.Text.RegularExpressions;
using FleetOps.Probing.Reports;
using FleetOps.Core.Results;
using static FleetOps.Probing.Tests.Reports.ReportSamples;

namespace FleetOps.Probing.Tests.Reports;

public sealed partial class HtmlReportTests
{
    [Fact]
    public async Task Header_shows_run_status_and_totals()
    {
        var html = await Html([Ok("a", 5), Ok("b", 7), Failed("c")]);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>\n", html);
        Assert.Contains("<title>Sweep report — nightly sweep</title>", html);
        Assert.Contains("<span class=\"badge good\" id=\"status\">Completed</span>", html);
        Assert.Contains("Run <code>run-42</code>", html);
        Assert.Contains("data-kpi=\"targets\"><span class=\"v\">3</span>", html);
        Assert.Contains("data-kpi=\"ok\"><span class=\"v\">2</span>", html);
        Assert.Contains("data-kpi=\"failed\"><span class=\"v\">1</span>", html);
        Assert.Contains("data-kpi=\"max ms\"><span class=\"v\">2,000</span>", html);
    }

    [Fact]
    public async Task Grid_has_one_square_per_target_in_its_group()
    {
        TargetResult[] results = [Ok("w1", group: "web"), Ok("w2", group: "web"), Failed("w3", group: "web"), Ok("d1", group: "db"), Ok("x")];

        var html = await Html(results);

        Assert.Contains("id=\"status-grid\"", html);
        Assert.Equal(["db", "web", "(none)"], GroupOrder().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(5, Occurrences(html, "<rect x="));
        Assert.Contains("<b>3</b> targets · 2 ok · <span class=\"f\">1 failed</span>", html);
        Assert.Contains("<title>w3 — w3.example:443 — http:/health: timeout: w3 Timeout</title>", html);
        Assert.Contains("<title>w1 — w1.example:443 — ok, 10 ms</title>", html);
    }

    [Fact]
    public async Task Ok_targets_slower_than_p95_are_amber_and_failed_ones_stay_red()
    {
        // 105 targets: p95 is the 100th fastest, a 10 ms one.
        var results = Enumerable.Range(0, 100).Select(i => Ok($"fast{i}", 10))
            .Concat(Enumerable.Range(0, 4).Select(i => Ok($"slow{i}", 500)))
            .Append(Failed("late", ms: 3000));

        var html = await Html(results);

        Assert.Equal(4, Occurrences(html, "class=\"slow\""));
        Assert.Equal(1, Occurrences(html, "class=\"fail\""));
        Assert.Equal(100, Occurrences(html, "class=\"ok\""));
        Assert.Contains("<title>slow0 — slow0.example:443 — ok, slow: 500 ms</title>", html);
    }

    [Fact]
    public async Task Histogram_draws_one_bar_per_non_empty_bucket()
    {
        var html = await Html([Ok("a", 0.5), Ok("b", 15), Ok("c", 15), Failed("d", ms: 15), Failed("e", ms: 3000)]);

        Assert.Contains("id=\"latency-histogram\"", html);
        Assert.Equal(3, Occurrences(html, "<g class=\"bar\""));
        Assert.Contains("<g class=\"bar\" data-count=\"3\" data-failed=\"1\"><title>10–20 ms: 3 targets (1 failed)</title>", html);
        Assert.Contains("<title>2–5 s: 1 targets (1 failed)</title>", html);
        Assert.Contains(">latency (ms)</text>", html);
    }

    [Fact]
    public async Task Tables_list_failing_targets_conditions_errors_and_the_slowest()
    {
        var results = Enumerable.Range(0, 30).Select(i => Ok($"ok{i}", i + 1))
            .Concat([Failed("t1"), Failed("t2", ErrorKind.Refused, 3), ConditionFailed("c1"), ConditionFailed("c2")]);

        var html = await Html(results);

        Assert.Equal(4, RowsOf(html, "failing"));
        Assert.Equal(4, RowsOf(html, "condition-failures")); // two failed conditions each; the one that held is not listed
        Assert.Equal(20, RowsOf(html, "slowest"));
        Assert.Equal(3, RowsOf(html, "errors-by-kind"));
        Assert.Contains("<td><code>[BODY].status == UP</code></td><td class=\"msg\"><code>DOWN</code></td>", html);
        Assert.Contains("<td><span class=\"kind\">condition</span></td><td class=\"num\" data-v=\"2\">2</td>", html);
        Assert.DoesNotContain("id=\"diff\"", html);
    }

    [Fact]
    public async Task Caps_long_tables_and_says_so()
    {
        var html = await Html(Enumerable.Range(0, HtmlReport.MaxTableRows + 200).Select(i => Failed($"t{i}")));

        Assert.Equal(HtmlReport.MaxTableRows, RowsOf(html, "failing"));
        Assert.Contains("<caption>1,200 failing targets — first 1,000 of 1,200</caption>", html);
        Assert.Equal(1_200, Occurrences(html, "<rect x=")); // the grid still shows every target
    }

    [Fact]
    public async Task Escapes_user_data_everywhere()
    {
        const string evil = "<script>alert('x')</script>";
        var header = Header(name: evil) with { RunId = "\"><img src=x>" };
        var result = Failed(evil, message: evil + " & more") with { Labels = new Dictionary<string, string> { ["group"] = evil } };

        var html = await Html([result], header: header);

        Assert.Equal(1, Occurrences(html, "<script")); // the page's own sorting script only
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("data-group=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\"", html);
        Assert.Contains("&lt;/script&gt; &amp; more", html);
        Assert.Contains("&quot;&gt;&lt;img src=x&gt;", html);
    }

    [Fact]
    public async Task Is_self_contained()
    {
        var html = await Html(Fleet(200));

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<link", html);
        Assert.Matches("href=\"#", html);
        Assert.DoesNotMatch("href=\"[^#]", html);
    }

    [Fact]
    public async Task Renders_zero_targets()
    {
        var html = await Html([]);

        Assert.Contains("data-kpi=\"targets\"><span class=\"v\">0</span>", html);
        Assert.Contains("id=\"status-grid\">\n<p class=\"empty\">No results.</p>", html);
        Assert.Contains("No latencies to show.", html);
        Assert.DoesNotContain("<rect x=", html);
        Assert.DoesNotContain("id=\"latency-histogram\"", html);
        Assert.DoesNotContain("id=\"failing\"", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public async Task Renders_one_target()
    {
        var html = await Html([Ok("only", 3)]);

        Assert.Equal(1, Occurrences(html, "<rect x="));
        Assert.Contains("width=\"12\" height=\"12\" viewBox=\"0 0 12 12\"", html);
        Assert.Equal(1, Occurrences(html, "<g class=\"bar\""));
        Assert.Equal(1, RowsOf(html, "slowest"));
        Assert.Contains("No failing targets.", html);
        Assert.Contains("No failed conditions.", html);
        Assert.Contains("No errors.", html);
    }

    [Fact]
    public async Task Writes_the_diff_section_given_a_diff()
    {
        var diff = ReportDiff.Compare(
            [Ok("breaks"), Failed("heals"), Ok("slower", 10), Ok("gone")],
            [Failed("breaks"), Ok("heals"), Ok("slower", 100), Ok("fresh")]);

        var html = await Html([Failed("breaks"), Ok("heals"), Ok("slower", 100), Ok("fresh")], diff);

        Assert.Contains("<div id=\"diff\">", html);
        Assert.Contains("<a href=\"#sec-diff\">Changes</a>", html);
        Assert.Equal(1, RowsOf(html, "diff-new-failures"));
        Assert.Equal(1, RowsOf(html, "diff-recoveries"));
        Assert.Equal(1, RowsOf(html, "diff-regressions"));
        Assert.Contains("<ul class=\"names\" id=\"diff-added\"><li>fresh</li></ul>", html);
        Assert.Contains("<ul class=\"names\" id=\"diff-removed\"><li>gone</li></ul>", html);
        Assert.Contains("+90 ms (×10.0)", html);
    }

    [Fact]
    public async Task Output_does_not_depend_on_batch_boundaries()
    {
        var results = Fleet(3_000).ToList();
        using var one = new StringWriter();
        using var many = new StringWriter();

        await HtmlReport.WriteAsync(one, Header(), Batches(results, 3_000));
        await HtmlReport.WriteAsync(many, Header(), Batches(results, 7));

        Assert.Equal(one.ToString(), many.ToString());
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => HtmlReport.WriteAsync(TextWriter.Null, Header(), Batches(Fleet(10)), ct: cts.Token));
    }

    /// <summary>The body rows of the table with this id.</summary>
    private static int RowsOf(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        var end = html.IndexOf("</tbody>", start, StringComparison.Ordinal);
        return Occurrences(html[start..end], "<tr>") - 1; // less the header row
    }

    [GeneratedRegex("<div class=\"group\" data-group=\"([^\"]*)\"")]
    private static partial Regex GroupOrder();
}
