using System.Net;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Tests;

public sealed class RefusalsTests
{
    private static FleetOpsApiException Problem(string json) =>
        new(Routes.StartSweep, HttpStatusCode.BadRequest, JsonNode.Parse(json)!["detail"]!.GetValue<string>(), JsonNode.Parse(json));

    [Fact]
    public void A_refusal_is_one_line_with_the_status_the_detail_and_the_fields_the_detail_does_not_name()
    {
        var e = Problem("""
            {"status":400,"detail":"targets[0].address: port 99999 is out of range;\nchecks[0].kind: 'icmp' is not a check kind",
             "errors":[{"field":"targets[0].address"},{"field":"checks[0].kind"},{"field":"options.timeoutMs"}],"moreErrors":4}
            """);
        Assert.Equal("sweep refused (400): targets[0].address: port 99999 is out of range; checks[0].kind: 'icmp' is not a check kind " +
            "[fields: options.timeoutMs] (+4 more errors)", Refusals.Line("sweep", e));
    }

    [Fact]
    public void A_refusal_without_a_problem_body_is_its_status_line()
    {
        var e = new FleetOpsApiException(Routes.GetRun, HttpStatusCode.BadGateway, "502 BadGateway", null);
        Assert.Equal("status refused (502): 502 BadGateway", Refusals.Line("status", e));
    }
}
