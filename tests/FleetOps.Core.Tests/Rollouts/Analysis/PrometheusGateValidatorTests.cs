using System.Text.Json;
using FleetOps.Core.Contracts;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Rollouts.Analysis;

namespace FleetOps.Core.Tests.Rollouts.Analysis;

public sealed class PrometheusGateValidatorTests
{
    private static IReadOnlyList<ValidationError> Errors(string gate) => RolloutRequestValidator.Validate(new RolloutRequest
    {
        Inventory = "web",
        Action = new ActionSpec { Url = "http://{{address}}/deploy" },
        Gate = JsonSerializer.Deserialize<GateSpec>(gate, FleetOpsJson.Strict),
    });

    [Theory]
    [InlineData("""{"prometheus": [{"query": "sum(rate(http_requests_total{code=~\"5..\",node=\"{{name}}\"}[1m]))", "condition": "< 0.5"}]}""")]
    [InlineData("""{"prometheus": [{"name": "fleet errors", "query": "sum(rate(http_requests_total{code=\"500\"}[1m]))", "condition": "<= 1", "scope": "fleet", "count": 3, "failureLimit": 1, "inconclusiveLimit": 2}]}""")]
    [InlineData("""{"checks": [{"kind": "tcp"}], "prometheus": [{"query": "up{instance=~'{{host}}:.*', zone=`{{labels.zone}}`}", "condition": "== 1"}]}""")]
    public void Good_queries_are_valid(string gate) => Assert.Empty(Errors(gate));

    [Theory]
    [InlineData("""{"prometheus": []}""", "gate.prometheus", "is empty")]
    [InlineData("""{"prometheus": [null]}""", "gate.prometheus[0]", "must be an object")]
    [InlineData("""{"prometheus": [{"condition": "< 1"}]}""", "gate.prometheus[0].query", "is required")]
    [InlineData("""{"prometheus": [{"query": "up{node=\"{{nam}}\"}", "condition": "< 1"}]}""", "gate.prometheus[0].query", "unknown placeholder 'nam'")]
    [InlineData("""{"prometheus": [{"query": "up{node=\"{{name\"}", "condition": "< 1"}]}""", "gate.prometheus[0].query", "is not closed")]
    [InlineData("""{"prometheus": [{"query": "up{node=\"{{labels.}}\"}", "condition": "< 1"}]}""", "gate.prometheus[0].query", "no label key")]
    [InlineData("""{"prometheus": [{"query": "up{node=\"{{name}}\"}", "condition": "< 1", "scope": "fleet"}]}""", "gate.prometheus[0].query", "cannot hold {{...}} placeholders")]
    [InlineData("""{"prometheus": [{"query": "sum(rate(x[1m])", "condition": "< 1"}]}""", "gate.prometheus[0].query", "'(' at position 4 is not closed")]
    [InlineData("""{"prometheus": [{"query": "up{a=\"b}", "condition": "< 1"}]}""", "gate.prometheus[0].query", "is not closed")]
    [InlineData("""{"prometheus": [{"query": "up)", "condition": "< 1"}]}""", "gate.prometheus[0].query", "closes nothing")]
    [InlineData("""{"prometheus": [{"query": "up", "condition": "below 1"}]}""", "gate.prometheus[0].condition", "must start with")]
    [InlineData("""{"prometheus": [{"query": "up"}]}""", "gate.prometheus[0].condition", "is required")]
    [InlineData("""{"prometheus": [{"query": "up", "condition": "< 1", "scope": "region"}]}""", "gate.prometheus[0].scope", "not one of")]
    [InlineData("""{"prometheus": [{"query": "up", "condition": "< 1", "count": 0}]}""", "gate.prometheus[0].count", "out of range")]
    [InlineData("""{"prometheus": [{"query": "up", "condition": "< 1", "failureLimit": -1}]}""", "gate.prometheus[0].failureLimit", "out of range")]
    [InlineData("""{"prometheus": [{"query": "up", "condition": "< 1", "inconclusiveLimit": 101}]}""", "gate.prometheus[0].inconclusiveLimit", "out of range")]
    [InlineData("""{"prometheus": [{"query": "up", "condition": "< 1", "name": ""}]}""", "gate.prometheus[0].name", "1-100 characters")]
    [InlineData("""{}""", "gate.checks", "or gate.prometheus")]
    public void A_bad_query_is_refused_naming_the_field(string gate, string field, string message)
    {
        var error = Assert.Single(Errors(gate), e => e.Field == field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void More_queries_than_the_limit_are_refused() =>
        Assert.Contains(Errors($$"""{"prometheus": [{{string.Join(",", Enumerable.Repeat("""{"query": "up", "condition": "== 1"}""", 9))}}]}"""),
            e => e.Field == "gate.prometheus" && e.Message.Contains("more than 8"));

    [Fact]
    public void A_preflight_needs_checks_even_with_queries()
    {
        var request = new RolloutRequest
        {
            Inventory = "web", Action = new ActionSpec { Url = "http://{{address}}/deploy" }, Preflight = true,
            Gate = new GateSpec { Prometheus = [new PrometheusQuerySpec { Query = "up", Condition = "== 1" }] },
        };
        Assert.Contains(RolloutRequestValidator.Validate(request), e => e.Field == "preflight");
    }

    [Theory]
    [InlineData("web-1", "up{node=\"web-1\"}")]
    [InlineData("a\"} or vector(1) #", "up{node=\"a\\\"} or vector(1) #\"}")]
    [InlineData("back\\slash'q", "up{node=\"back\\\\slash\\'q\"}")]
    [InlineData("line\nbreak", "up{node=\"line\\nbreak\"}")]
    public void Node_values_are_escaped_inside_PromQL_strings(string name, string rendered) =>
        Assert.Equal(rendered, ActionTemplate.Render("up{node=\"{{name}}\"}", new FleetOps.Core.Targets.Target(name, "10.0.0.1:80"), TemplateEncoding.PromQl));
}
