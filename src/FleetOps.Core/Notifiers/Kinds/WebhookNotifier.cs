using System.Text.Json;

namespace FleetOps.Core.Notifiers.Kinds;

/// <summary>
/// FleetOps' own JSON, POSTed to any URL. With a <c>signingKey</c>, every request carries
/// <c>X-FleetOps-Timestamp</c> (Unix seconds) and <c>X-FleetOps-Signature: sha256=HEX</c>, the HMAC-SHA256 of
/// <c>{timestamp}.{body}</c> (see <see cref="WebhookSignature"/>), so a receiver can check origin and freshness.
/// </summary>
public sealed class WebhookNotifier : INotifierKind
{
    public const string EventHeader = "X-FleetOps-Event";

    public string Name => "webhook";
    public IReadOnlyList<string> Fields { get; } = ["url", "signingKey", "headers"];
    public bool UrlIsSecret => false;

    public void Validate(NotifierDefinition definition, Action<string, string> fail)
    {
        NotifierFields.RequireUrl(definition, "receiver's", "https://hooks.example.com/fleetops", fail);
        if (definition.SigningKey is not null)
            NotifierFields.RequireSecret(definition.SigningKey, "signingKey", "the HMAC key", fail, minLength: WebhookSignature.MinKeyLength);
        NotifierFields.CheckHeaders(definition.Headers, fail);
    }

    public NotifierRequest Build(NotifierDefinition definition, Notification notification, ISecretSource secrets, DateTimeOffset now)
    {
        var url = NotifierFields.ResolveUrl(definition.Url, secrets, Name);
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookBody.Of(notification), FleetOpsJson.Options);
        var headers = NotifierFields.Headers(notification, definition.Headers, secrets);
        headers.Add(new(EventHeader, notification.Event));
        if (definition.SigningKey is { } key)
        {
            var timestamp = now.ToUnixTimeSeconds();
            headers.Add(new(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            headers.Add(new(WebhookSignature.SignatureHeader, WebhookSignature.Sign(key.Resolve(secrets, "signingKey"), timestamp, body)));
        }
        return new NotifierRequest(url, headers, body, NotifierFields.Destination(Name, definition.Url!, url));
    }
}

/// <summary>The FleetOps webhook body: the summary every receiver can show, and the full alert or rollout event.</summary>
public sealed record WebhookBody(
    string Id,
    string Event,
    NotificationStatus Status,
    NotificationSeverity Severity,
    string Title,
    string? Detail,
    string Source,
    DateTimeOffset StartsAt,
    DateTimeOffset At,
    string IncidentKey,
    string? Link,
    Monitors.MonitorAlert? Alert,
    RolloutNotice? Rollout)
{
    public static WebhookBody Of(Notification n) =>
        new(n.Id, n.Event, n.Status, n.Severity, n.Title, n.Detail, n.Source, n.StartsAt, n.At, n.IncidentKey, n.Link, n.Alert, n.Rollout);
}
