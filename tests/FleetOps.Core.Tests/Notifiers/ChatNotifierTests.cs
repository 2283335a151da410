using System.Text.Json;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Tests.Monitors;

namespace FleetOps.Core.Tests.Notifiers;

/// <summary>Slack and Teams incoming webhooks: the shapes their documentation gives.</summary>
public sealed class ChatNotifierTests
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/SECRETSECRET";
    private static readonly NotifierDefinition Slack = new() { Kind = "slack", Url = SecretText.Setting("SLACK_URL") };
    private static readonly NotifierDefinition Teams = new() { Kind = "teams", Url = SecretText.Inline("https://example.webhook.office.com/webhookb2/SECRETSECRET") };
    private static readonly Settings Secrets = new(new() { ["SLACK_URL"] = SlackUrl });

    [Fact]
    public void Slack_gets_text_and_blocks()
    {
        var request = NotifierKinds.Build(Slack, MonitorNotifications.Of(NotifierKit.Down(dependents: 57), "https://fleetops.example/api/monitors/edge"), Secrets, NotifierKit.T0);
        var body = DefinitionKit.Json(request.Body);

        Assert.Equal(SlackUrl, request.Url.ToString());
        Assert.Equal("🔴 [edge] gw-1 down; 57 dependents unreachable", body.GetProperty("text").GetString());
        var blocks = body.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        // Text from the target is escaped: "<script>" cannot become Slack markup.
        Assert.EndsWith("connection refused &lt;script&gt;", blocks[1].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        var fields = blocks[2].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        Assert.Contains("*Monitor*\nedge", fields);
        Assert.Contains("*Dependents unreachable*\n57 of 58", fields);
        Assert.True(fields.Count <= 10);
        Assert.Contains("<https://fleetops.example/api/monitors/edge|open>", blocks[3].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(NotifierKit.Down().Id, request.Header("Idempotency-Key"));
    }

    [Fact]
    public void Slack_markup_in_names_cannot_ping_anyone()
    {
        var alert = NotifierKit.Down() with { Target = "<!channel>", Monitor = "a&b" };
        var body = DefinitionKit.Json(NotifierKinds.Build(Slack, MonitorNotifications.Of(alert), Secrets, NotifierKit.T0).Body);
        Assert.Equal("🔴 [a&amp;b] &lt;!channel&gt; down", body.GetProperty("text").GetString());
        Assert.DoesNotContain("<!channel>", body.GetRawText().Replace("\u003C", "<"), StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_keeps_block_kit_limits()
    {
        var alert = NotifierKit.Down() with { Target = new string('t', 400), Error = new string('e', 5000) };
        var body = DefinitionKit.Json(NotifierKinds.Build(Slack, MonitorNotifications.Of(alert), Secrets, NotifierKit.T0).Body);
        var blocks = body.GetProperty("blocks");
        Assert.True(blocks[0].GetProperty("text").GetProperty("text").GetString()!.Length <= 150);
        Assert.True(blocks[1].GetProperty("text").GetProperty("text").GetString()!.Length <= 3000);
        Assert.All(blocks[2].GetProperty("fields").EnumerateArray(), f => Assert.True(f.GetProperty("text").GetString()!.Length <= 2000));
    }

    [Fact]
    public void A_secret_url_is_never_in_the_log_destination()
    {
        var slack = NotifierKinds.Build(Slack, MonitorNotifications.Of(NotifierKit.Down()), Secrets, NotifierKit.T0);
        var teams = NotifierKinds.Build(Teams, MonitorNotifications.Of(NotifierKit.Down()), Secrets, NotifierKit.T0);
        Assert.Equal("POST slack hooks.slack.com (url: from setting SLACK_URL)", slack.ToString());
        Assert.DoesNotContain("SECRET", teams.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_gets_a_message_with_one_adaptive_card_attachment()
    {
        var request = NotifierKinds.Build(Teams, MonitorNotifications.Of(NotifierKit.Up(), "https://fleetops.example/m/edge"), Secrets, NotifierKit.T0);
        var body = DefinitionKit.Json(request.Body);

        Assert.Equal("message", body.GetProperty("type").GetString());
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("contentUrl").ValueKind);
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        var items = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal("✅ [edge] gw-1 up again after 13m", items[0].GetProperty("text").GetString());
        Assert.Equal("Good", items[0].GetProperty("color").GetString());
        var facts = items.Single(i => i.GetProperty("type").GetString() == "FactSet").GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("down → up", facts["State"]);
        var action = Assert.Single(card.GetProperty("actions").EnumerateArray().ToList());
        Assert.Equal(("Action.OpenUrl", "https://fleetops.example/m/edge"), (action.GetProperty("type").GetString(), action.GetProperty("url").GetString()));
    }
}
