using System.Globalization;
using System.Text.Json.Nodes;

namespace FleetOps.Api.Client;

/// <summary>The notifier routes, and the monitor listing, as methods (for <c>fleetops apply</c> and <c>fleetops monitors</c>).</summary>
public sealed partial class FleetOpsApiClient
{
    /// <summary>PUT /api/notifiers/{name}: the stored definition, redacted.</summary>
    public Task<JsonNode> PutNotifierAsync(string name, string definitionJson, CancellationToken ct = default) =>
        ReadAsync(Routes.PutNotifier, [name], Json(definitionJson), null, ct);

    /// <summary>GET /api/notifiers/{name} (secrets redacted), or null when there is none.</summary>
    public Task<JsonNode?> GetNotifierAsync(string name, CancellationToken ct = default) => ReadOrNullAsync(Routes.GetNotifier, [name], null, ct);

    /// <summary>DELETE /api/notifiers/{name}: false when there was none.</summary>
    public async Task<bool> DeleteNotifierAsync(string name, CancellationToken ct = default) =>
        await ReadOrNullAsync(Routes.DeleteNotifier, [name], null, ct).ConfigureAwait(false) is not null;

    /// <summary>GET /api/notifiers: the names (the first 1,000), and whether there are more.</summary>
    public async Task<(IReadOnlyList<string> Names, bool More)> ListNotifiersAsync(CancellationToken ct = default)
    {
        var answer = await ReadAsync(Routes.ListNotifiers, [], null, null, ct).ConfigureAwait(false);
        var names = answer["notifiers"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        return (names, answer["more"]?.GetValue<bool>() == true);
    }

    /// <summary>GET /api/monitors?limit=&amp;continuationToken=: one page of monitors by name, and the next page's token.</summary>
    public async Task<(JsonArray Monitors, string? Continuation)> ListMonitorsAsync(int? limit = null, string? continuationToken = null, CancellationToken ct = default)
    {
        var answer = await ReadAsync(Routes.ListMonitors, [], null,
            [new(MonitorsApi.LimitQuery, limit?.ToString(CultureInfo.InvariantCulture)), new(MonitorsApi.ContinuationQuery, continuationToken)], ct).ConfigureAwait(false);
        return (answer["monitors"]!.AsArray(), answer["continuationToken"]?.GetValue<string>());
    }

    /// <summary>Every monitor's name, paging through GET /api/monitors.</summary>
    public async Task<IReadOnlyList<string>> ListMonitorNamesAsync(CancellationToken ct = default)
    {
        var names = new List<string>();
        string? next = null;
        do
        {
            var (page, token) = await ListMonitorsAsync(1000, next, ct).ConfigureAwait(false);
            names.AddRange(page.Select(m => m!["name"]!.GetValue<string>()));
            next = token;
        }
        while (next is not null);
        return names;
    }
}
