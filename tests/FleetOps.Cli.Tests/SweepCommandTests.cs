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
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public void Other_files_are_refused(string text)
    {
        Assert.ThrowsAny<Exception>(() => SweepCommand.BuildRequest(text, []));
    }

    [Fact]
    public void An_unknown_check_form_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => SweepCommand.BuildRequest("[]", ["icmp"]));
        Assert.Contains("icmp", e.Message);
    }
}
