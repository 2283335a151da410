using System.Text;
using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Tests.Contracts;

public sealed class RequestReaderTests
{
    internal static RequestValidationException Invalid(string json) =>
        Assert.Throws<RequestValidationException>(() => RequestReader.ParseSweep(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("", "body")]
    [InlineData("   ", "body")]
    [InlineData("{\"targets\": [", "body")]
    [InlineData("{\"targets\": [] // comment\n}", "body")]
    [InlineData("null", "body")]
    [InlineData("[]", "body")]
    [InlineData("{\"targets\": 5}", "targets")]
    [InlineData("{\"targets\": [{\"name\": 7}]}", "targets[0].name")]
    [InlineData("{\"checks\": [{\"kind\": \"smtp\"}], \"targets\": []}", "checks[0].kind")]
    [InlineData("{\"checks\": [{\"kind\": 1}], \"targets\": []}", "checks[0].kind")]
    [InlineData("{\"tragets\": []}", "tragets")]
    [InlineData("{\"targets\": [{\"name\":\"a\",\"address\":\"127.0.0.1:1\"}], \"checks\": [{\"kind\":\"tcp\"}], \"options\": {\"batchSize\": \"big\"}}", "options.batchSize")]
    public void Malformed_json_names_the_field_where_it_went_wrong(string json, string field)
    {
        var e = Invalid(json);
        Assert.Equal(field, Assert.Single(e.Errors).Field);
    }

    [Fact]
    public void Broken_json_says_where()
    {
        var e = Invalid("{\n  \"targets\": [\n    {\"name\": \"a\",, }\n  ]\n}");
        Assert.Contains("line 3", e.Errors[0].Message);
    }

    [Fact]
    public void An_unknown_check_kind_lists_the_known_ones()
    {
        var e = Invalid("{\"targets\":[{\"name\":\"a\",\"address\":\"h:1\"}],\"checks\":[{\"kind\":\"smtp\"}]}");
        Assert.Contains("tcp, http", e.Errors[0].Message);
    }

    [Fact]
    public void Every_validation_error_is_reported_at_once()
    {
        var e = Invalid("""
            {"targets":[{"name":"a","address":"h"},{"name":"a","address":"h:1"}],
             "checks":[{"kind":"tcp"}], "options":{"timeoutMs":0}}
            """);
        Assert.Equal(["targets[0].address", "targets[1].name", "options.timeoutMs"], e.Errors.Select(x => x.Field));
    }

    [Fact]
    public void A_valid_request_parses()
    {
        var request = RequestReader.ParseSweep(Encoding.UTF8.GetBytes("""
            {"requestId":"r-1","targets":[{"name":"a","address":"127.0.0.1:80","labels":{"group":"web"}}],
             "checks":[{"kind":"http","path":"/health","expectStatus":[200,204]}]}
            """));
        Assert.Equal("r-1", request.RequestId);
        Assert.Equal("web", request.Targets![0].Labels!["group"]);
        Assert.Equal([200, 204], Assert.IsType<HttpCheck>(request.Checks![0]).ExpectStatus!);
    }
}
