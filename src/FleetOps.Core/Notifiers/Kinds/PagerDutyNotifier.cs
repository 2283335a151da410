using FleetOps.Core.Contracts;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Core.Notifiers.Kinds;

/// <summary>
/// PagerDuty Events API v2 (<c>POST https://events.pagerduty.com/v2/enqueue</c>): a firing notification is a
/// <c>trigger</c> with <c>payload.summary/source/severity/timestamp</c> (+ component, group, class, custom_details),
/// a resolved one a <c>resolve</c>; both carry <c>dedup_key</c> = the incident key, so they meet in one alert.
/// </summary>
public sealed class PagerDutyNotifier : INotifierKind
{
    public const string DefaultUrl = "https://events.pagerduty.com/v2/enqueue";

    // Events API v2 limits.
    private const int SummaryMax = 1024, DedupKeyMax = 255;

    public static readonly IReadOnlyList<string> Severities = ["critical", "error", "warning", "info"];

    public string Name => "pagerduty";
    public IReadOnlyList<string> Fields { get; } = ["url", "routingKey", "severity"];
    public bool UrlIsSecret => false;

    public void Validate(NotifierDefinition definition, Action<string, string> fail)
    {
        if (definition.Url is { } url) NotifierFields.CheckUrl(url, "url", fail);
        NotifierFields.RequireSecret(definition.RoutingKey, "routingKey", "the integration key of an Events API v2 integration", fail);
        if (definition.RoutingKey?.InlineValue is { } key && key.Any(char.IsWhiteSpace)) fail("routingKey", "has white space: an integration key is one word");
        if (definition.Severity is { } severity && !Severities.Contains(severity))
            fail("severity", $"{Echo.Quote(severity)} is not one of {string.Join(", ", Severities)}");
    }

    public NotifierRequest Build(NotifierDefinition definition, Notification notification, ISecretSource secrets, DateTimeOffset now)
    {
        var urlText = definition.Url ?? SecretText.Inline(DefaultUrl);
        var url = NotifierFields.ResolveUrl(urlText, secrets, Name);
        var resolved = notification.Status == NotificationStatus.Resolved;
        var body = new JsonObject
        {
            ["routing_key"] = NotifierFields.Required(definition.RoutingKey, "routingKey", Name).Resolve(secrets, "routingKey"),
            ["event_action"] = resolved ? "resolve" : "trigger",
            ["dedup_key"] = NotificationText.Cut(notification.IncidentKey, DedupKeyMax),
        };
        if (!resolved)
        {
            var details = new JsonObject();
            foreach (var (name, value) in notification.Facts) details[name] = value;
            var payload = new JsonObject
            {
                ["summary"] = NotificationText.Cut(NotificationText.Headline(notification) + (notification.Detail is { } d ? $": {d}" : ""), SummaryMax),
                ["source"] = notification.Source,
                ["severity"] = Severity(definition, notification),
                ["timestamp"] = notification.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture),
                ["component"] = notification.Alert?.FailingCheck,
                ["group"] = notification.Alert?.Monitor ?? notification.Rollout?.Name,
                ["class"] = notification.Event,
                ["custom_details"] = details,
            };
            foreach (var key in payload.Where(p => p.Value is null).Select(p => p.Key).ToList()) payload.Remove(key);
            body["payload"] = payload;
            body["client"] = "FleetOps";
            if (notification.Link is { } link)
            {
                body["client_url"] = link;
                body["links"] = new JsonArray { new JsonObject { ["href"] = link, ["text"] = "Open in FleetOps" } };
            }
        }
        return new NotifierRequest(url, NotifierFields.Headers(notification, null, secrets),
            JsonSerializer.SerializeToUtf8Bytes(body, FleetOpsJson.Options), NotifierFields.Destination(Name, urlText, url));
    }

    /// <summary>A monitor's down takes the notifier's severity (default critical); other events keep their own.</summary>
    private static string Severity(NotifierDefinition definition, Notification notification) =>
        notification.Alert is not null && definition.Severity is { } configured
            ? configured
            : notification.Severity.ToString().ToLowerInvariant();
}
