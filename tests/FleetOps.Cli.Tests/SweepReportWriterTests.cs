using System.Text.Json.Nodes;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Tests;

public sealed class SweepReportWriterTests
{
    private static readonly JsonNode Run = JsonNode.Parse("""
        {"id":"r1","runtimeStatus":"Completed","createdAt":"2026-11-25T00:00:00Z","lastUpdatedAt":"2026-11-25T00:00:03Z",
         "summary":{"targets":3,"ok":2,"failed":1,"errors":{"refused":1},"latency":{"p50Ms":1.5,"p95Ms":9,"p99Ms":9,"maxMs":9}}}
        """)!;

    private static readonly JsonNode Report = JsonNode.Parse("""
        {"results":[
          {"name":"a","address":"h:1","ok":true,"labels":{"group":"web"},"checks":[{"kind":"tcp","check":"tcp","ok":true}]},
          {"name":"b","address":"h:2","ok":true,"labels":{"group":"db"},"checks":[{"kind":"tcp","check":"tcp","ok":true}]},
          {"name":"c|x","address":"h:3","ok":false,"labels":{"group":"web"},"checks":[{"kind":"tcp","check":"tcp","ok":false,
            "error":{"kind":"refused","message":"target 'c' (h:3), check tcp, attempt 1: Connection refused"}}]}]}
        """)!;

    [Fact]
    public void The_console_summary_has_totals_errors_groups_and_failures()
    {
        var text = SweepReportWriter.ConsoleSummary(Run, Report);
        Assert.Contains("Run r1: Completed", text);
        Assert.Matches(@"all\s+3\s+2\s+1", text);
        Assert.Matches(@"refused\s+1", text);
        Assert.Matches(@"web\s+2\s+1\s+1", text);
        // The failure row drops the "target ..., attempt n:" prefix the columns already show.
        Assert.Contains("refused: Connection refused", text);
    }

    [Fact]
    public void Tables_right_align_numbers_and_left_align_text()
    {
        var table = SweepReportWriter.Table(["name", "n"], [["a", "5"], ["long-name", "123"]]);
        var lines = table.Split('\n');
        Assert.Equal("  a            5", lines[2]);
        Assert.Equal("  long-name  123", lines[3]);
    }
}
