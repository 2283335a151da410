using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Core.Notifiers.Kinds;

/// <summary>
/// A Microsoft Teams incoming webhook (or Workflows webhook): a <c>message</c> with one Adaptive Card in
/// <c>attachments</c> (contentType <c>application/vnd.microsoft.card.adaptive</c>): the headline, the detail, the
/// facts as a FactSet, and an "Open" action when there is a link. The URL is the credential, so it is a secret.
/// </summary>
public sealed class TeamsNotifier : INotifierKind
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public string Name => "teams";
    public IReadOnlyList<string> Fields { get; } = ["url"];
    public bool UrlIsSecret => true;

    public void Validate(NotifierDefinition definition, Action<string, string> fail) =>
        NotifierFields.RequireUrl(definition, "incoming webhook", "https://example.webhook.office.com/webhookb2/...", fail);

    public NotifierRequest Build(NotifierDefinition definition, Notification notification, ISecretSource secrets, DateTimeOffset now)
    {
        var url = NotifierFields.ResolveUrl(definition.Url, secrets, Name);
        var color = notification.Status == NotificationStatus.Resolved ? "Good"
            : notification.Severity is NotificationSeverity.Critical or NotificationSeverity.Error ? "Attention"
            : notification.Severity == NotificationSeverity.Warning ? "Warning" : "Accent";
        var cardBody = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock", ["text"] = $"{NotificationText.Marker(notification)} {NotificationText.Headline(notification)}",
                ["weight"] = "Bolder", ["size"] = "Medium", ["color"] = color, ["wrap"] = true,
            },
        };
        if (notification.Detail is { } detail) cardBody.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = detail, ["wrap"] = true });
        if (notification.Facts.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var (name, value) in notification.Facts) facts.Add(new JsonObject { ["title"] = name, ["value"] = value });
            cardBody.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = cardBody,
        };
        if (notification.Link is { } link)
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in FleetOps", ["url"] = link } };

        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card } },
        };
        return new NotifierRequest(url, NotifierFields.Headers(notification, null, secrets),
            JsonSerializer.SerializeToUtf8Bytes(message, FleetOpsJson.Options), NotifierFields.Destination(Name, definition.Url!, url));
    }
}
