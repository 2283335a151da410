using System.Globalization;
using System.Text.Json.Nodes;

namespace FleetOps.Api.Client;

/// <summary>The monitor and heartbeat routes as methods.</summary>
public sealed partial class FleetOpsApiClient
{
    /// <summary>PUT /api/monitors/{name}: 201 or 200 with the monitor, and <c>heartbeatToken</c> when one was minted.</summary>
    public Task<JsonNode> PutMonitorAsync(string name, string definitionJson, CancellationToken ct = default) =>
        ReadAsync(Routes.PutMonitor, [name], Json(definitionJson), null, ct);

    /// <summary>GET /api/monitors/{name}, or null when there is none.</summary>
    public Task<JsonNode?> GetMonitorAsync(string name, CancellationToken ct = default) => ReadOrNullAsync(Routes.GetMonitor, [name], null, ct);

    /// <summary>DELETE /api/monitors/{name}: false when there was none.</summary>
    public async Task<bool> DeleteMonitorAsync(string name, CancellationToken ct = default)
    {
        using var response = await SendAsync(Routes.DeleteMonitor, [name], ct: ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>POST /api/monitors/{name}/pause or /resume.</summary>
    public Task<JsonNode> SetMonitorPausedAsync(string name, bool paused, CancellationToken ct = default) =>
        ReadAsync(paused ? Routes.PauseMonitor : Routes.ResumeMonitor, [name], null, null, ct);

    /// <summary>GET /api/monitors/{name}/targets: one page.</summary>
    public Task<JsonNode> GetMonitorTargetsAsync(string name, string? state = null, int? limit = null, string? continuationToken = null, CancellationToken ct = default) =>
        ReadAsync(Routes.GetMonitorTargets, [name], null,
            [new("state", state), new(MonitorsApi.LimitQuery, limit?.ToString(CultureInfo.InvariantCulture)), new(MonitorsApi.ContinuationQuery, continuationToken)], ct);

    /// <summary>GET /api/monitors/{name}/uptime?window=.</summary>
    public Task<JsonNode> GetMonitorUptimeAsync(string name, string window, CancellationToken ct = default) =>
        ReadAsync(Routes.GetMonitorUptime, [name], null, [new("window", window)], ct);

    /// <summary>GET /api/monitors/{name}/uptime/days: one page of targets, each with its uptime per day.</summary>
    public Task<JsonNode> GetMonitorUptimeDaysAsync(string name, int? days = null, int? limit = null, string? continuationToken = null, CancellationToken ct = default) =>
        ReadAsync(Routes.GetMonitorUptimeDays, [name], null,
            [new(MonitorStateApi.DaysQuery, days?.ToString(CultureInfo.InvariantCulture)), new(MonitorsApi.LimitQuery, limit?.ToString(CultureInfo.InvariantCulture)),
             new(MonitorsApi.ContinuationQuery, continuationToken)], ct);

    /// <summary>GET /api/monitors/{name}/events: one page, newest first.</summary>
    public Task<JsonNode> GetMonitorEventsAsync(string name, int? limit = null, string? continuationToken = null, CancellationToken ct = default) =>
        ReadAsync(Routes.GetMonitorEvents, [name], null,
            [new(MonitorsApi.LimitQuery, limit?.ToString(CultureInfo.InvariantCulture)), new(MonitorsApi.ContinuationQuery, continuationToken)], ct);

    /// <summary>POST /api/heartbeats/{token}: a beat.</summary>
    public Task<JsonNode> BeatAsync(string token, CancellationToken ct = default) => ReadAsync(Routes.PostHeartbeat, [token], null, null, ct);

    /// <summary>POST /api/heartbeats/{token}/fail, with an optional message.</summary>
    public Task<JsonNode> FailHeartbeatAsync(string token, string? message = null, CancellationToken ct = default) =>
        ReadAsync(Routes.FailHeartbeat, [token], message is null ? null : Json(new JsonObject { ["message"] = message }.ToJsonString()), null, ct);
}
