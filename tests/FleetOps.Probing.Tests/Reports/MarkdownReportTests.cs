using FleetOps.Probing.Reports;
using FleetOps.Core.Results;
using static FleetOps.Probing.Tests.Reports.ReportSamples;

namespace FleetOps.Probing.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Fact]
    public async Task Summarises_counts_and_lists_every_section()
    {
        TargetResult[] results = [Ok("a", 5), Ok("b", 7), Failed("c", ErrorKind.Timeout), Failed("d", ErrorKind.Refused, 3), ConditionFailed("e")];

        var md = await Markdown(results);

        Assert.StartsWith("# Sweep report: nightly sweep\n", md);
        Assert.Contains("| Run | run-42 |", md);
        Assert.Contains("| Status | Completed |", md);
        Assert.Contains("| Targets | 5 |", md);
        Assert.Contains("| OK | 2 (40 %) |", md);
        Assert.Contains("| Failed | 3 (60 %) |", md);
        Assert.Contains("2025-03-01 02:00:00 UTC → 2025-03-01 02:03:04 UTC (3 min 4 s)", md);
        Assert.Contains("## Errors by kind", md);
        Assert.Contains("| timeout | 1 | 33.3 % | c |", md);
        Assert.Contains("## Failing targets (3)", md);
        Assert.Contains("| d | (none) | d.example:443 | http:/health | refused | d Refused |", md);
        Assert.Contains("## Slowest targets (top 20)", md);
        Assert.Contains("| 1 | c | (none) | c.example:443 | 2,000 | failed | http:/health (2,000 ms) |", md);
        Assert.Contains("## Condition failures (2)", md);
        Assert.Contains("| e | http:/status | \\[STATUS\\] == 200 | 503 |", md);
        Assert.Contains("| e | http:/status | \\[BODY\\].status == UP | DOWN |", md);
        Assert.DoesNotContain("Changes since", md);
    }

    [Fact]
    public async Task Leaves_out_failure_sections_when_all_is_well()
    {
        var md = await Markdown([Ok("a"), Ok("b")]);

        Assert.Contains("All targets are healthy.", md);
        Assert.Contains("## Slowest targets", md);
        Assert.DoesNotContain("## Failing targets", md);
        Assert.DoesNotContain("## Errors by kind", md);
        Assert.DoesNotContain("## Condition failures", md);
    }

    [Fact]
    public async Task Renders_an_empty_sweep()
    {
        var md = await Markdown([]);

        Assert.Contains("| Targets | 0 |", md);
        Assert.Contains("| Failed | 0 (0 %) |", md);
        Assert.DoesNotContain("## ", md);
    }

    [Fact]
    public async Task Escapes_pipes_markup_and_line_breaks_in_user_data()
    {
        var md = await Markdown([Failed("a|b <script>alert(1)</script>", message: "line one\nline | two *bold*")]);

        Assert.Contains("a\\|b \\<script\\>alert(1)\\</script\\>", md);
        Assert.Contains("line one line \\| two \\*bold\\*", md);
        Assert.DoesNotContain("<script>", md);
        // Every table row still has its 6 cells: 7 unescaped pipes.
        var row = md.Split('\n').Single(l => l.Contains("line one"));
        Assert.Equal(7, row.Replace("\\|", "").Count(c => c == '|'));
    }

    [Fact]
    public async Task Names_in_lists_cannot_start_a_nested_list()
    {
        var diff = ReportDiff.Compare([], [Ok("1. one"), Ok("- dash"), Ok("+ plus"), Ok("2) x"), Ok("10.0.0.1"), Ok("-x")]);

        var md = await Markdown([], diff);

        Assert.Contains("- 1\\. one\n", md);
        Assert.Contains("- 2\\) x\n", md);
        Assert.Contains("- \\- dash\n", md);
        Assert.Contains("- \\+ plus\n", md);
        Assert.Contains("- 10.0.0.1\n", md); // a marker needs a space after it
        Assert.Contains("- -x\n", md);
    }

    [Fact]
    public async Task Lists_every_failing_target()
    {
        var md = await Markdown(Enumerable.Range(0, 1_500).Select(i => Failed($"t{i}")));

        Assert.Contains("## Failing targets (1,500)", md);
        Assert.Equal(1_500, Occurrences(md, "| http:/health | timeout |"));
    }

    [Fact]
    public async Task Says_when_results_cover_part_of_the_planned_fleet()
    {
        var md = await Markdown([Ok("a")], header: Header(summary: new Core.Summaries.SweepSummary { Targets = 10 }));

        Assert.Contains("| Targets | 1 of 10 planned |", md);
    }

    [Fact]
    public async Task Writes_the_diff_sections_given_a_diff()
    {
        var diff = ReportDiff.Compare(
            [Ok("breaks"), Failed("heals"), Ok("slower", 10), Ok("gone")],
            [Failed("breaks", ErrorKind.Tls, message: "certificate expired"), Ok("heals"), Ok("slower", 100), Ok("fresh")]);

        var md = await Markdown([Ok("heals"), Ok("slower", 100), Ok("fresh")], diff);

        Assert.Contains("## Changes since the previous sweep", md);
        Assert.Contains("1 new failure · 1 recovery · 1 latency regression · 1 added · 1 removed · 0 unchanged", md);
        Assert.Contains("### New failures (1)", md);
        Assert.Contains("| breaks | breaks.example:443 | tls: certificate expired |", md);
        Assert.Contains("### Recoveries (1)", md);
        Assert.Contains("| heals | heals.example:443 | timeout: heals Timeout |", md);
        Assert.Contains("### Latency regressions (1)", md);
        Assert.Contains("| slower | slower.example:443 | 10 | 100 | +90 ms (×10.0) |", md);
        Assert.Contains("### Added (1)\n\n- fresh", md);
        Assert.Contains("### Removed (1)\n\n- gone", md);
    }
}
