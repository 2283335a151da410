using System.Text.Json.Nodes;
using FleetOps.Cli.Commands;

namespace FleetOps.Cli.Tests;

public sealed class SweepCommandTests
{
    [Fact]
    public void A_full_request_file_is_sent_as_it_is()
    {
        const string request = """{"targets":[{"name":"a","address":"h:1"}],"checks":[{"kind":"http"}]}""";
        Assert.Equal(JsonNode.Parse(request)!.ToJsonString(), SweepCommand.BuildRequest(request, ["tcp"]));
    }

    [Fact]
    public void A_target_array_gets_the_checks_from_the_command_line()
    {
        var built = JsonNode.Parse(SweepCommand.BuildRequest("""[{"name":"a","address":"h:1"}]""", ["tcp", "http:/health"]))!;
        Assert.Equal("a", built["targets"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("tcp", built["checks"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("/health", built["checks"]![1]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void A_target_array_without_checks_gets_tcp()
    {
        var built = JsonNode.Parse(SweepCommand.BuildRequest("""[{"name":"a","address":"h:1"}]""", []))!;
        Assert.Equal("tcp", Assert.Single(built["checks"]!.AsArray())!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"just a string\"", "must hold a sweep request")]
    [InlineData("", "not JSON")]
    [InlineData("{\"targets\": [", "not JSON")]
    [InlineData("null", "must hold a sweep request")]
    public void Other_files_are_a_usage_error_that_says_why(string text, string expected)
    {
        var e = Assert.Throws<UsageException>(() => SweepCommand.BuildRequest(text, []));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_unknown_check_form_is_refused()
    {
        var e = Assert.Throws<UsageException>(() => SweepCommand.BuildRequest("[]", ["icmp"]));
        Assert.Contains("icmp", e.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_json_exits_2_before_any_request()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "name,address\nweb-1,10.0.0.1");
        // Port 1 on loopback: were a request sent, this would be exit 4, not 2.
        var result = await Cli.RunAsync("sweep", file, "--server", "http://127.0.0.1:1");
        Assert.True(result.Exit == 2, result.ToString());
        Assert.StartsWith("fleetops: the targets file is not JSON", result.Err);
    }
}
