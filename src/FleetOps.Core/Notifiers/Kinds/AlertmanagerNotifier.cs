using FleetOps.Core.Contracts;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetOps.Core.Monitors;

namespace FleetOps.Core.Notifiers.Kinds;

/// <summary>
/// Prometheus Alertmanager, <c>POST {url}/api/v2/alerts</c> with a list of one alert: identity labels (alertname,
/// monitor, target or rollout, run; plus the notifier's fixed <c>alertLabels</c>), annotations (summary, description,
/// severity, facts), <c>startsAt</c> and <c>endsAt</c>. Resolved: endsAt is when it ended. Firing: endsAt is
/// <c>holdFor</c> ahead, because Alertmanager ends an alert nobody re-sends, and FleetOps sends on changes.
/// Alertmanager tells alerts apart by all their labels, so nothing that changes between a firing notification and
/// its resolve (severity, state, reminder) is a label: the resolve must name the very alert that fired.
/// </summary>
public sealed partial class AlertmanagerNotifier : INotifierKind
{
    public const string AlertsPath = "/api/v2/alerts";
    public static readonly TimeSpan DefaultHoldFor = TimeSpan.FromHours(24);

    public string Name => "alertmanager";
    public IReadOnlyList<string> Fields { get; } = ["url", "headers", "alertLabels", "holdFor"];
    public bool UrlIsSecret => false;

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public void Validate(NotifierDefinition definition, Action<string, string> fail)
    {
        NotifierFields.RequireUrl(definition, "Alertmanager", "http://alertmanager:9093", fail);
        NotifierFields.CheckHeaders(definition.Headers, fail);
        NotifierFields.CheckHoldFor(definition.HoldFor, fail);
        foreach (var (name, value) in definition.AlertLabels ?? [])
        {
            if (!LabelName().IsMatch(name) || name.StartsWith("__", StringComparison.Ordinal))
                fail("alertLabels", $"{Echo.Quote(name)} is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
            else if (name is "alertname" or "monitor" or "target" or "rollout" or "run")
                fail($"alertLabels.{Echo.Key(name)}", "is set by FleetOps: it identifies the alert");
            else if (string.IsNullOrEmpty(value)) fail($"alertLabels.{Echo.Key(name)}", "is empty: Alertmanager drops empty labels");
        }
    }

    public NotifierRequest Build(NotifierDefinition definition, Notification notification, ISecretSource secrets, DateTimeOffset now)
    {
        var baseUrl = NotifierFields.ResolveUrl(definition.Url, secrets, Name);
        var url = baseUrl.AbsolutePath.TrimEnd('/').EndsWith(AlertsPath, StringComparison.Ordinal)
            ? baseUrl
            : new Uri(baseUrl, baseUrl.AbsolutePath.TrimEnd('/') + AlertsPath);

        var labels = new JsonObject();
        foreach (var (name, value) in notification.Labels) labels[name] = value;
        foreach (var (name, value) in definition.AlertLabels ?? []) labels[name] = value;

        var annotations = new JsonObject { ["summary"] = notification.Title };
        if (notification.Detail is { } detail) annotations["description"] = detail;
        annotations["severity"] = notification.Severity.ToString().ToLowerInvariant();
        foreach (var (name, value) in notification.Facts) annotations[AnnotationName(name)] = value;
        annotations["fleetops_id"] = notification.Id;

        var holdFor = definition.HoldFor is { } text ? DurationField.Of(text) : DefaultHoldFor;
        var ends = notification.Status == NotificationStatus.Resolved ? notification.At : now + holdFor;
        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["startsAt"] = Rfc3339(notification.StartsAt),
            ["endsAt"] = Rfc3339(ends),
        };
        if (notification.Link is { } link) alert["generatorURL"] = link;

        return new NotifierRequest(url, NotifierFields.Headers(notification, definition.Headers, secrets),
            JsonSerializer.SerializeToUtf8Bytes(new JsonArray { alert }, FleetOpsJson.Options), NotifierFields.Destination(Name, definition.Url!, url));
    }

    /// <summary>"Failing check" → "failing_check": annotation names follow label-name style by convention.</summary>
    private static string AnnotationName(string fact) =>
        string.Concat(fact.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private static string Rfc3339(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
