using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class ActionTemplateTests
{
    private static readonly Target Web = new("web 1/a", "10.0.0.5:8080", new Dictionary<string, string>
    {
        ["zone"] = "eu-west/1",
        ["app.kubernetes.io/name"] = "shop",
        ["empty"] = "",
    });

    [Theory]
    [InlineData("{{host}}", "10.0.0.5")]
    [InlineData("{{port}}", "8080")]
    [InlineData("{{name}}", "web 1/a")]
    [InlineData("{{address}}", "10.0.0.5:8080")]
    [InlineData("{{labels.zone}}", "eu-west/1")]
    [InlineData("{{labels.app.kubernetes.io/name}}", "shop")]
    [InlineData("[{{labels.empty}}]", "[]")]
    [InlineData("{{ host }}:{{  port}}", "10.0.0.5:8080")]
    [InlineData("{\"node\": \"{{name}}\", \"zone\": {\"id\": \"{{labels.zone}}\"}}", "{\"node\": \"web 1/a\", \"zone\": {\"id\": \"eu-west/1\"}}")]
    [InlineData("{\"a\":{\"b\":{}}}", "{\"a\":{\"b\":{}}}")] // a closing }} outside a placeholder is text
    [InlineData("no placeholders", "no placeholders")]
    [InlineData("", "")]
    [InlineData("{host} {{name}}{{name}}", "{host} web 1/aweb 1/a")]
    public void Raw_rendering_inserts_values_as_they_are(string template, string expected) =>
        Assert.Equal(expected, ActionTemplate.Render(template, Web));

    [Theory]
    [InlineData("http://{{host}}:{{port}}/drain?node={{name}}", "http://10.0.0.5:8080/drain?node=web%201%2Fa")]
    [InlineData("http://{{address}}/zones/{{labels.zone}}", "http://10.0.0.5:8080/zones/eu-west%2F1")]
    [InlineData("https://lb.internal/pools/web/members/{{name}}", "https://lb.internal/pools/web/members/web%201%2Fa")]
    public void Url_rendering_percent_encodes_names_and_labels_but_not_the_authority(string template, string expected) =>
        Assert.Equal(expected, ActionTemplate.Render(template, Web, TemplateEncoding.Url));

    [Fact]
    public void Url_rendering_cannot_be_steered_by_a_value()
    {
        var evil = new Target("x?admin=1#", "node.example:80", new Dictionary<string, string> { ["v"] = "../../etc&a=b" });
        var url = new Uri(ActionTemplate.Render("http://{{address}}/n/{{name}}/{{labels.v}}?k=1", evil, TemplateEncoding.Url));
        Assert.Equal("node.example", url.Host);
        Assert.Equal("/n/x%3Fadmin%3D1%23/..%2F..%2Fetc%26a%3Db", url.AbsolutePath);
        Assert.Equal("?k=1", url.Query);
    }

    [Theory]
    [InlineData("[::1]:9000", "http://{{host}}:{{port}}/", "http://[::1]:9000/", "::1")]
    [InlineData("[fd00::5]:80", "http://{{address}}/", "http://[fd00::5]:80/", "fd00::5")]
    [InlineData("web-1.internal", "http://{{address}}/", "http://web-1.internal/", "web-1.internal")]
    public void Ipv6_hosts_are_bracketed_in_urls_only(string address, string template, string url, string raw)
    {
        var target = new Target("n", address);
        Assert.Equal(url, ActionTemplate.Render(template, target, TemplateEncoding.Url));
        Assert.Equal(raw, ActionTemplate.Render("{{host}}", target));
    }

    [Fact]
    public void Raw_address_is_as_written()
    {
        Assert.Equal("[::1]:9000", ActionTemplate.Render("{{address}}", new Target("n", "[::1]:9000")));
        Assert.Equal("web-1", ActionTemplate.Render("{{address}}", new Target("n", " web-1 ")));
    }

    [Theory]
    [InlineData("{{hots}}", "unknown placeholder 'hots'", 1)]
    [InlineData("http://x/{{Host}}", "unknown placeholder 'Host'", 10)] // names are case-sensitive
    [InlineData("a {{host", "is not closed", 3)]
    [InlineData("{{host}} {{", "is not closed", 10)]
    [InlineData("{{}}", "empty placeholder", 1)]
    [InlineData("{{ }}", "empty placeholder", 1)]
    [InlineData("{{labels.}}", "no label key", 1)]
    [InlineData("{{labels.a b}}", "has ' '", 1)]
    [InlineData("{{labels}}", "unknown placeholder 'labels'", 1)]
    [InlineData("{{ {{host}}", "unknown placeholder '{{host'", 1)]
    public void Parse_errors_name_the_placeholder_and_position(string template, string message, int position)
    {
        var error = ActionTemplate.Validate(template, "action.url");
        Assert.NotNull(error);
        Assert.Equal("action.url", error.Field);
        Assert.Contains(message, error.Message);
        Assert.Contains($"position {position}", error.Message);
        var thrown = Assert.Throws<ActionTemplateException>(() => ActionTemplate.Render(template, Web));
        Assert.Equal(error.Message, thrown.Message);
    }

    [Theory]
    [InlineData("{{host}}")]
    [InlineData("{\"a\": {\"b\": 1}}")]
    [InlineData("}} {")]
    [InlineData("{{labels.x}}")] // valid syntax; whether a node has the label is known only when rendering
    public void Valid_templates_have_no_error(string template) => Assert.Null(ActionTemplate.Validate(template, "f"));

    [Fact]
    public void A_missing_label_names_the_label_and_the_node()
    {
        var e = Assert.Throws<ActionTemplateException>(() => ActionTemplate.Render("{{labels.rack}}", Web));
        Assert.Contains("'rack'", e.Message);
        Assert.Contains("'web 1/a'", e.Message);
        Assert.Throws<ActionTemplateException>(() => ActionTemplate.Render("{{labels.zone}}", new Target("n", "h")));
    }

    [Fact]
    public void A_port_is_required_only_when_used()
    {
        var noPort = new Target("db", "db.internal");
        var e = Assert.Throws<ActionTemplateException>(() => ActionTemplate.Render("{{host}}:{{port}}", noPort));
        Assert.Contains("no port", e.Message);
        Assert.Equal("http://db.internal/x", ActionTemplate.Render("http://{{address}}/x", noPort, TemplateEncoding.Url));
    }

    [Fact]
    public void A_host_that_is_not_a_host_name_cannot_go_in_a_url()
    {
        var odd = new Target("n", "evil.example/x?y");
        Assert.Throws<ActionTemplateException>(() => ActionTemplate.Render("http://{{host}}/", odd, TemplateEncoding.Url));
        Assert.Equal("evil.example/x?y", ActionTemplate.Render("{{host}}", odd));
    }

    [Fact]
    public void Sample_rendering_fills_every_label()
    {
        Assert.Equal("http://sample-node.invalid:8080/z/sample/sample-node",
            ActionTemplate.RenderSample("http://{{address}}/z/{{labels.zone}}/{{name}}", TemplateEncoding.Url));
        Assert.Throws<ActionTemplateException>(() => ActionTemplate.RenderSample("{{bogus}}"));
    }
}
