using System.Text.Json;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Tests.Monitors;

namespace FleetOps.Core.Tests.Notifiers;

public sealed class SecretTextTests
{
    private const string Inline = "https://hooks.slack.com/services/T000/B000/SECRETSECRET";

    [Fact]
    public void A_secret_is_inline_text_or_a_setting_reference_and_stores_as_given()
    {
        var definition = DefinitionKit.Read<NotifierDefinition>($$"""{ "kind": "webhook", "url": "https://x.example", "signingKey": "{{Inline}}", "headers": { "Authorization": { "fromSetting": "HOOK_AUTH" } } }""");
        Assert.True(definition.SigningKey!.IsInline);
        Assert.Equal("HOOK_AUTH", definition.Headers!["Authorization"].FromSetting);

        // Stored (tolerant options) and read back: the same definition.
        var stored = JsonSerializer.Serialize(definition, FleetOpsJson.Options);
        Assert.Contains(Inline, stored, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<NotifierDefinition>(stored, FleetOpsJson.Options)!;
        Assert.Equal(definition.SigningKey, back.SigningKey);
        Assert.Equal(definition.Headers["Authorization"], back.Headers!["Authorization"]);
    }

    [Fact]
    public void A_stored_reference_with_a_field_added_by_a_later_version_still_reads()
    {
        var back = JsonSerializer.Deserialize<NotifierDefinition>("""{ "kind": "slack", "url": { "fromSetting": "SLACK_URL", "addedLater": 1 } }""", FleetOpsJson.Options)!;
        Assert.Equal("SLACK_URL", back.Url!.FromSetting);
    }

    [Fact]
    public void No_secret_appears_in_text_meant_for_logs_or_responses()
    {
        var definition = new NotifierDefinition { Kind = "slack", Url = SecretText.Inline(Inline), Headers = new() { ["X"] = SecretText.Inline("hunter2hunter2") } };
        Assert.DoesNotContain("SECRET", definition.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", definition.ToString(), StringComparison.Ordinal);

        var view = JsonSerializer.Serialize(RedactedNotifier.Of("ops", definition), FleetOpsJson.Options);
        Assert.DoesNotContain("SECRET", view, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", view, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"set\"", view, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redacted_view_shows_which_setting_a_secret_comes_from_and_plain_fields_as_they_are()
    {
        var definition = DefinitionKit.Read<NotifierDefinition>("""{ "kind": "pagerduty", "routingKey": { "fromSetting": "PD_KEY" }, "severity": "error", "url": "https://events.eu.pagerduty.com/v2/enqueue" }""");
        var view = JsonDocument.Parse(JsonSerializer.Serialize(RedactedNotifier.Of("pager", definition), FleetOpsJson.Options)).RootElement;
        Assert.Equal("pager", view.GetProperty("name").GetString());
        Assert.Equal("PD_KEY", view.GetProperty("routingKey").GetProperty("fromSetting").GetString());
        Assert.Equal("https://events.eu.pagerduty.com/v2/enqueue", view.GetProperty("url").GetString());
        Assert.Equal("error", view.GetProperty("severity").GetString());
    }

    [Fact]
    public void A_missing_setting_is_a_permanent_configuration_error_naming_the_setting_not_its_value()
    {
        var e = Assert.Throws<NotifierConfigException>(() => SecretText.Setting("SLACK_URL").Resolve(Settings.None, "url"));
        Assert.Equal("url: the setting 'SLACK_URL' is not set on this host", e.Message);
        Assert.Equal("x", SecretText.Setting("SLACK_URL").Resolve(new Settings(new() { ["SLACK_URL"] = "x" }), "url"));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    [InlineData("webhook")]
    [InlineData("alertmanager")]
    [InlineData("pagerduty")]
    public void A_definition_stored_without_its_secret_fails_as_configuration_not_as_a_crash(string kind)
    {
        var e = Assert.Throws<NotifierConfigException>(() =>
            NotifierKinds.Build(new NotifierDefinition { Kind = kind }, MonitorNotifications.Of(NotifierKit.Down()), Settings.None, NotifierKit.T0));
        Assert.Contains(kind, e.Message, StringComparison.Ordinal);
    }
}
