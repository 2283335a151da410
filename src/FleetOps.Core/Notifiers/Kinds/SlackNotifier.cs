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
        var url = NotifierFields.ResolveUrl(definition.Url, secrets, Name);
        var headline = $"{NotificationText.Marker(notification)} {NotificationText.Headline(notification)}";
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = Text("plain_text", Fit(headline, HeaderMax)) },
        };
        if (notification.Detail is { } detail)
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Text("mrkdwn", Fit(detail, SectionMax)) });
        if (notification.Facts.Count > 0)
        {
            var fields = new JsonArray();
            foreach (var (name, value) in notification.Facts.Take(MaxFields))
                fields.Add(Text("mrkdwn", $"*{Escape(name)}*\n" + Fit(value, FieldMax - name.Length * 5 - 3)));
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }
        var context = $"FleetOps · {notification.Event} · {notification.At:yyyy-MM-dd HH:mm:ss} UTC"
            + (notification.Link is { } link ? $" · <{Escape(link)}|open>" : "");
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Text("mrkdwn", context) } });

        var body = new JsonObject { ["text"] = Fit(headline, SectionMax), ["blocks"] = blocks };
        return new NotifierRequest(url, NotifierFields.Headers(notification, null, secrets),
            JsonSerializer.SerializeToUtf8Bytes(body, FleetOpsJson.Options), NotifierFields.Destination(Name, definition.Url!, url));
    }

    private static JsonObject Text(string type, string text) => new() { ["type"] = type, ["text"] = text };

    /// <summary>
    /// Slack reads &amp;, &lt; and &gt; as control characters in every text object (<c>&lt;!channel&gt;</c> in a
    /// target's name would ping everyone): escape them in any text we did not write.
    /// </summary>
    internal static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Escaped and cut to <paramref name="max"/> characters, never through the middle of an entity.</summary>
    private static string Fit(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max) return escaped;
        var cut = NotificationText.Cut(escaped, max);
        var amp = cut.LastIndexOf('&');
        return amp >= 0 && cut.IndexOf(';', amp) < 0 ? cut[..amp] + "…" : cut;
    }
}
