using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Core.Notifiers.Kinds;

/// <summary>
/// A Slack incoming webhook: <c>text</c> (the notification's fallback) and Block Kit <c>blocks</c> (a header, the
/// detail, the facts as fields, a context line). The webhook URL is the credential, so it is a secret.
/// </summary>
public sealed class SlackNotifier : INotifierKind
{
    // Block Kit limits: header text 150, section text 3000, 10 fields of 2000.
    private const int HeaderMax = 150, SectionMax = 3000, FieldMax = 2000, MaxFields = 10;

    public string Name => "slack";
    public IReadOnlyList<string> Fields { get; } = ["url"];
    public bool UrlIsSecret => true;

    public void Validate(NotifierDefinition definition, Action<string, string> fail) =>
        NotifierFields.RequireUrl(definition, "incoming webhook", "https://hooks.slack.com/services/T000/B000/XXXX", fail);

    public NotifierRequest Build(NotifierDefinition definition, Notification notification, ISecretSource secrets, DateTimeOffset now)
    {
        var url = NotifierFields.ResolveUrl(definition.Url!, secrets, Name);
        var headline = $"{NotificationText.Marker(notification)} {NotificationText.Headline(notification)}";
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = Text("plain_text", NotificationText.Cut(headline, HeaderMax)) },
        };
        if (notification.Detail is { } detail)
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Text("mrkdwn", NotificationText.Cut(Escape(detail), SectionMax)) });
        if (notification.Facts.Count > 0)
        {
            var fields = new JsonArray();
            foreach (var (name, value) in notification.Facts.Take(MaxFields))
                fields.Add(Text("mrkdwn", NotificationText.Cut($"*{Escape(name)}*\n{Escape(value)}", FieldMax)));
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }
        var context = $"FleetOps · {notification.Event} · {notification.At:yyyy-MM-dd HH:mm:ss} UTC"
            + (notification.Link is { } link ? $" · <{Escape(link)}|open>" : "");
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Text("mrkdwn", context) } });

        var body = new JsonObject { ["text"] = NotificationText.Cut(headline, SectionMax), ["blocks"] = blocks };
        return new NotifierRequest(url, NotifierFields.Headers(notification, null, secrets),
            JsonSerializer.SerializeToUtf8Bytes(body, FleetOpsJson.Options), NotifierFields.Destination(Name, definition.Url!, url));
    }

    private static JsonObject Text(string type, string text) => new() { ["type"] = type, ["text"] = text };

    /// <summary>Slack reads &amp;, &lt; and &gt; as markup (<c>&lt;!channel&gt;</c> would ping everyone): escape them in any text we did not write.</summary>
    internal static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
