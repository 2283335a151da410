using System.Text.Json.Nodes;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Tests;

public sealed class SweepSummaryViewTests
{
    private static readonly JsonNode Run = JsonNode.Parse("""
        {"id":"r1","runtimeStatus":"Completed","createdAt":"2026-11-25T00:00:00Z","lastUpdatedAt":"2026-11-25T00:00:03Z",
         "summary":{"targets":3,"ok":2,"failed":1,"errors":{"refused":1},"latency":{"p50Ms":1.5,"p95Ms":9,"p99Ms":9,"maxMs":9}}}
        """)!;

    private static readonly JsonNode Report = JsonNode.Parse("""
        {"results":[
          {"name":"a","address":"h:1","ok":true,"labels":{"group":"web"},"checks":[{"kind":"tcp","check":"tcp","ok":true}]},
          {"name":"b","address":"h:2","ok":true,"labels":{"group":"db"},"checks":[{"kind":"tcp","check":"tcp","ok":true}]},
          {"name":"c[x]","address":"h:3","ok":false,"labels":{"group":"web"},"checks":[{"kind":"tcp","check":"tcp","ok":false,
            "error":{"kind":"refused","message":"target 'c' (h:3), check tcp, attempt 1: Connection [refused]"}}]}]}
        """)!;

    private static string Render(JsonNode run, JsonNode report)
    {
        using var output = new StringWriter();
        SweepSummaryView.Write(CliConsole.Plain(output, output), run, report);
        return output.ToString();
    }

    [Fact]
    public void The_summary_has_totals_errors_groups_and_failures_as_ascii_tables()
    {
        var text = Render(Run, Report);
        Assert.Contains("Run r1: Completed", text);
        Assert.Matches(@"\|\s+all\s+\|\s+3\s+\|\s+2\s+\|\s+1\s+\|\s+1\.5\s+\|\s+9\s+\|", text);
        Assert.Matches(@"\|\s+refused\s+\|\s+1\s+\|", text);
        Assert.Matches(@"\|\s+web\s+\|\s+2\s+\|\s+1\s+\|\s+1\s+\|", text);
        // The failure row drops the "target ..., attempt n:" prefix the columns already show; brackets stay text.
        Assert.Contains("| c[x] ", text);
        Assert.Contains("refused: Connection [refused]", text);
    }

    [Fact]
    public void Plain_output_has_no_escape_codes_and_no_box_drawing()
    {
        var text = Render(Run, Report);
        Assert.DoesNotContain('\u001b', text);
        Assert.All(text, c => Assert.True(c is '\n' or '\r' || (c >= ' ' && c < 127), $"non-ASCII character U+{(int)c:X4} in plain output"));
    }

    [Fact]
    public void A_run_without_a_summary_shows_its_failure()
    {
        var failed = JsonNode.Parse("""{"id":"r2","runtimeStatus":"Failed","failure":{"type":"X","message":"storage gone"}}""")!;
        var text = Render(failed, new JsonObject { ["results"] = new JsonArray() });
        Assert.Contains("Run r2: Failed", text);
        Assert.Contains("failure: storage gone", text);
    }

    [Theory]
    [InlineData("target 'a' (h:1), check tcp, attempt 2: Connection refused", "Connection refused")]
    [InlineData("no prefix here", "no prefix here")]
    [InlineData(null, "")]
    public void Short_drops_the_prefix_and_cuts_long_messages(string? message, string expected)
    {
        Assert.Equal(expected, SweepSummaryView.Short(message));
        Assert.Equal(70, SweepSummaryView.Short("attempt 1: " + new string('x', 100)).Length);
    }
}
