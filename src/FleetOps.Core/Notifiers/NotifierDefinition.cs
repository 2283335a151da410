namespace FleetOps.Core.Notifiers;

/// <summary>
/// Body of <c>PUT /api/notifiers/{name}</c>: where alerts go. <see cref="Kind"/> decides which fields apply (each
/// kind validates itself; see <see cref="NotifierKinds"/>). Secrets are inline or <c>{ "fromSetting": "NAME" }</c>.
/// </summary>
public sealed record NotifierDefinition
{
    /// <summary>Optional in a PUT (the route names it); must match the route when given.</summary>
    public string? Name { get; init; }

    /// <summary>webhook, slack, teams, pagerduty or alertmanager.</summary>
    public string? Kind { get; init; }

    /// <summary>Where to send. A secret for slack and teams (the URL is the credential); PagerDuty's has a default.</summary>
    public SecretText? Url { get; init; }

    /// <summary>webhook: the HMAC-SHA256 key that signs every body (X-FleetOps-Signature).</summary>
    public SecretText? SigningKey { get; init; }

    /// <summary>webhook, alertmanager: extra request headers (Authorization...), each value a secret.</summary>
    public Dictionary<string, SecretText>? Headers { get; init; }

    /// <summary>pagerduty: the Events API v2 integration key.</summary>
    public SecretText? RoutingKey { get; init; }

    /// <summary>pagerduty: the severity of a monitor's down alert (critical, error, warning, info; default critical).</summary>
    public string? Severity { get; init; }

    /// <summary>alertmanager: labels added to every alert (e.g. team, env).</summary>
    public Dictionary<string, string>? AlertLabels { get; init; }

    /// <summary>
    /// alertmanager: how long a firing alert stays firing without news (its endsAt; default 24h). FleetOps sends on
    /// changes, not every cycle, so a monitor notifier's <c>repeatEvery</c> shorter than this keeps it firing.
    /// </summary>
    public string? HoldFor { get; init; }

    /// <summary>Free-form; <c>fleetops apply</c> marks what it owns here.</summary>
    public Dictionary<string, string>? Labels { get; init; }
}
