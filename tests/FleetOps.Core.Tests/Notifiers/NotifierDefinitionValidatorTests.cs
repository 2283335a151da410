using FleetOps.Core.Contracts;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Tests.Monitors;

namespace FleetOps.Core.Tests.Notifiers;

public sealed class NotifierDefinitionValidatorTests
{
    public static TheoryData<string> ValidDefinitions => new()
    {
        """{ "kind": "webhook", "url": "https://hooks.example.com/fleetops", "signingKey": { "fromSetting": "HOOK_KEY" }, "headers": { "Authorization": { "fromSetting": "HOOK_AUTH" }, "X-Team": "ops" } }""",
        """{ "kind": "webhook", "url": "http://127.0.0.1:9000/hook", "signingKey": "0123456789abcdef" }""",
        """{ "kind": "slack", "url": { "fromSetting": "SLACK_URL" } }""",
        """{ "kind": "slack", "url": "https://hooks.slack.com/services/T000/B000/XXXX", "labels": { "owner": "ops" } }""",
        """{ "kind": "teams", "url": "https://example.webhook.office.com/webhookb2/abc" }""",
        """{ "kind": "pagerduty", "routingKey": { "fromSetting": "PD_ROUTING_KEY" }, "severity": "error" }""",
        """{ "kind": "pagerduty", "routingKey": "R0123456789abcdef0123456789abcde", "url": "https://events.eu.pagerduty.com/v2/enqueue" }""",
        """{ "kind": "alertmanager", "url": "http://127.0.0.1:9093", "alertLabels": { "team": "net", "severity": "page" }, "holdFor": "12h" }""",
        """{ "kind": "alertmanager", "url": "http://am:9093/api/v2/alerts", "headers": { "Authorization": "Basic eDp5" } }""",
    };

    [Theory]
    [MemberData(nameof(ValidDefinitions))]
    public void Every_kinds_documented_definition_is_valid(string json) =>
        Assert.Empty(NotifierDefinitionValidator.Validate(DefinitionKit.Read<NotifierDefinition>(json)));

    [Theory]
    [InlineData("""{ "url": "https://x.example" }""", "kind", "is required")]
    [InlineData("""{ "kind": "email" }""", "kind", "not one of webhook, slack, teams, pagerduty, alertmanager")]
    [InlineData("""{ "kind": "Slack", "url": "https://x.example" }""", "kind", "not one of")]
    [InlineData("""{ "kind": "slack" }""", "url", "is required")]
    [InlineData("""{ "kind": "slack", "url": "hooks.slack.com/x" }""", "url", "absolute http or https")]
    [InlineData("""{ "kind": "slack", "url": "ftp://x.example/y" }""", "url", "absolute http or https")]
    [InlineData("""{ "kind": "webhook", "url": "https://user:pw@x.example/y" }""", "url", "user name or password")]
    [InlineData("""{ "kind": "slack", "url": "https://x.example", "signingKey": "0123456789abcdef" }""", "signingKey", "not used by slack notifiers")]
    [InlineData("""{ "kind": "teams", "url": "https://x.example", "headers": { "A": "b" } }""", "headers", "not used by teams notifiers")]
    [InlineData("""{ "kind": "webhook", "url": "https://x.example", "routingKey": "abc" }""", "routingKey", "not used by webhook")]
    [InlineData("""{ "kind": "webhook", "url": "https://x.example", "signingKey": "short" }""", "signingKey", "16 to 4096")]
    [InlineData("""{ "kind": "webhook", "url": "https://x.example", "headers": { "Idempotency-Key": "x" } }""", "headers.Idempotency-Key", "set by FleetOps")]
    [InlineData("""{ "kind": "webhook", "url": "https://x.example", "headers": { "X-FleetOps-Signature": "x" } }""", "headers.X-FleetOps-Signature", "set by FleetOps")]
    [InlineData("""{ "kind": "webhook", "url": "https://x.example", "headers": { "Bad Name": "x" } }""", "headers", "not a header name")]
    [InlineData("""{ "kind": "webhook", "url": "https://x.example", "headers": { "X-A": "a\r\nX-B: b" } }""", "headers.X-A", "line break")]
    [InlineData("""{ "kind": "pagerduty" }""", "routingKey", "is required")]
    [InlineData("""{ "kind": "pagerduty", "routingKey": "" }""", "routingKey", "must not be empty")]
    [InlineData("""{ "kind": "pagerduty", "routingKey": "a b" }""", "routingKey", "white space")]
    [InlineData("""{ "kind": "pagerduty", "routingKey": "abc", "severity": "high" }""", "severity", "not one of critical, error, warning, info")]
    [InlineData("""{ "kind": "alertmanager", "url": "http://am:9093", "alertLabels": { "9x": "a" } }""", "alertLabels", "not a Prometheus label name")]
    [InlineData("""{ "kind": "alertmanager", "url": "http://am:9093", "alertLabels": { "target": "a" } }""", "alertLabels.target", "set by FleetOps")]
    [InlineData("""{ "kind": "alertmanager", "url": "http://am:9093", "alertLabels": { "team": "" } }""", "alertLabels.team", "is empty")]
    [InlineData("""{ "kind": "alertmanager", "url": "http://am:9093", "holdFor": "30s" }""", "holdFor", "out of range")]
    [InlineData("""{ "kind": "slack", "url": { "fromSetting": "AzureWebJobsStorage" } }""", "url.fromSetting", "configures FleetOps or its host")]
    [InlineData("""{ "kind": "pagerduty", "routingKey": { "fromSetting": "FleetOps__ApiKey" } }""", "routingKey.fromSetting", "configures FleetOps")]
    [InlineData("""{ "kind": "webhook", "url": "https://x.example", "headers": { "Authorization": { "fromSetting": "FLEETOPS_API_KEY" } } }""", "headers.Authorization.fromSetting", "configures FleetOps")]
    [InlineData("""{ "kind": "slack", "url": { "fromSetting": "1BAD" } }""", "url.fromSetting", "is not a setting name")]
    [InlineData("""{ "kind": "slack", "url": "https://x.example", "name": "bad name" }""", "name", "may contain only")]
    public void Each_problem_names_its_field(string json, string field, string fragment)
    {
        var errors = NotifierDefinitionValidator.Validate(DefinitionKit.Read<NotifierDefinition>(json));
        Assert.True(errors.Any(e => e.Field == field && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {field}: …{fragment}… but got:\n{DefinitionKit.Show(errors)}");
    }

    [Fact]
    public void Headers_that_differ_only_by_case_are_refused_at_the_edge_naming_the_second()
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            DefinitionKit.Read<NotifierDefinition>("""{ "kind": "webhook", "url": "https://x.example", "headers": { "X-A": "a", "x-a": "b" } }"""));
        Assert.Contains(e.Errors, error => error.Field == "headers.x-a");
    }

    [Fact]
    public void A_name_that_differs_from_the_route_is_refused()
    {
        var errors = NotifierDefinitionValidator.Validate(new NotifierDefinition { Name = "ops", Kind = "slack", Url = SecretText.Inline("https://x.example") }, "pager");
        Assert.Equal("name", Assert.Single(errors).Field);
    }

    [Fact]
    public void Every_kind_in_the_registry_validates_itself()
    {
        Assert.Equal(["webhook", "slack", "teams", "pagerduty", "alertmanager"], NotifierKinds.All.Keys);
        foreach (var kind in NotifierKinds.All.Values)
        {
            // An empty definition of each kind is refused by the kind itself (a required field), never accepted.
            var errors = NotifierDefinitionValidator.Validate(new NotifierDefinition { Kind = kind.Name });
            Assert.NotEmpty(errors);
            Assert.All(kind.Fields, f => Assert.Contains(f, new[] { "url", "signingKey", "headers", "routingKey", "severity", "alertLabels", "holdFor" }));
        }
    }

    [Fact]
    public void Unknown_fields_are_refused_at_the_edge_with_their_path()
    {
        var e = Assert.Throws<RequestValidationException>(() => DefinitionKit.Read<NotifierDefinition>("""{ "kind": "slack", "url": { "fromSettings": "X" } }"""));
        Assert.Equal("url", Assert.Single(e.Errors).Field);
        Assert.Contains("unknown field 'fromSettings'", e.Errors[0].Message, StringComparison.Ordinal);

        var typo = Assert.Throws<RequestValidationException>(() => DefinitionKit.Read<NotifierDefinition>("""{ "kind": "slack", "uri": "https://x.example" }"""));
        Assert.Equal("uri", Assert.Single(typo.Errors).Field);
    }
}
