namespace FleetOps.Core.Notifiers;

/// <summary>
/// What <c>GET /api/notifiers/{name}</c> returns: the definition with every secret shown as <c>"set"</c> (inline) or
/// <c>{ "fromSetting": NAME }</c>. A webhook's or Alertmanager's URL is an address, shown as it is; a Slack or Teams
/// URL is the credential, so it is redacted.
/// </summary>
public sealed record RedactedNotifier(
    string Name,
    string? Kind,
    object? Url,
    object? SigningKey,
    Dictionary<string, object>? Headers,
    object? RoutingKey,
    string? Severity,
    Dictionary<string, string>? AlertLabels,
    string? HoldFor,
    Dictionary<string, string>? Labels)
{
    public static RedactedNotifier Of(string name, NotifierDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var urlIsSecret = NotifierKinds.Find(definition.Kind)?.UrlIsSecret ?? true;
        return new RedactedNotifier(
            name,
            definition.Kind,
            definition.Url is { } url ? (urlIsSecret || !url.IsInline ? url.Redacted : url.InlineValue) : null,
            definition.SigningKey?.Redacted,
            definition.Headers?.ToDictionary(h => h.Key, h => h.Value.Redacted, StringComparer.Ordinal),
            definition.RoutingKey?.Redacted,
            definition.Severity,
            definition.AlertLabels,
            definition.HoldFor,
            definition.Labels);
    }
}
