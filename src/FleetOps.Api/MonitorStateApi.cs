using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Monitors;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api;

/// <summary>
/// A monitor's state as read back: <c>/targets</c> (each target's state, since, counts, last error; paged),
/// <c>/uptime?window=</c> (uptime % and p50/p95 per target and overall) and <c>/events</c> (newest first; paged).
/// Each request's reads are bounded: a page of targets reads at most 16 batches; a window reads day totals.
/// </summary>
public sealed class MonitorStateApi(MonitorStore store, MonitorTargetsQuery targets, UptimeQuery uptime, UptimeDaysQuery daily, MonitorEvents events, TimeProvider time)
{
    public const string StateQuery = "state", WindowQuery = "window", DaysQuery = "days";
    private const string LimitQuery = MonitorsApi.LimitQuery, ContinuationQuery = MonitorsApi.ContinuationQuery;
    private const int MaxTargetName = 1024;
    private static readonly string[] StateNames = [.. Enum.GetValues<MonitorState>().Select(AlertIds.Name)];

    /// <summary>One target's uptime in a window.</summary>
    public sealed record TargetUptime(string Name, UptimeFigures Uptime);

    /// <summary>GET /api/monitors/{name}/targets?state=&amp;limit=&amp;continuationToken=</summary>
    public async Task<ApiResponse> TargetsAsync(string name, HttpRequest request, CancellationToken ct)
    {
        var query = QueryReader.For(request, Routes.GetMonitorTargets);
        var state = query.OneOf(StateQuery, StateNames) is { } s ? Enum.Parse<MonitorState>(s, ignoreCase: true) : (MonitorState?)null;
        var limit = query.Int(LimitQuery, 1, 1000) ?? 100;
        var continuation = query.Text(ContinuationQuery);
        if (continuation is not null && !MonitorTargetsQuery.IsContinuation(continuation)) query.Errors.Add(QueryReader.NotOurs(ContinuationQuery));
        if (query.Problem(request.Path.Value) is { } problem) return problem;
        if (await FindAsync(name, ct).ConfigureAwait(false) is not { } record) return MonitorsApi.NotFound(name, request.Path.Value);
        TargetsPage page;
        try
        {
            page = await targets.PageAsync(record, state, limit, continuation, ct).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            return Problems.Validation([new ValidationError(ContinuationQuery, e.Message)], request.Path.Value);
        }
        return ApiResponse.Json(200, new { name, targets = page.Targets, continuationToken = page.Continuation });
    }

    /// <summary>GET /api/monitors/{name}/uptime?window=1h|24h|7d|30d|365d (default 24h), with targets paged by name.</summary>
    public async Task<ApiResponse> UptimeAsync(string name, HttpRequest request, CancellationToken ct)
    {
        var query = QueryReader.For(request, Routes.GetMonitorUptime);
        var windowName = query.OneOf(WindowQuery, UptimeWindow.Known.Select(w => w.Name).ToList()) ?? "24h";
        var limit = query.Int(LimitQuery, 1, 10_000) ?? 1000;
        var after = query.Text(ContinuationQuery);
        if (after is { Length: > MaxTargetName }) query.Errors.Add(QueryReader.NotOurs(ContinuationQuery));
        if (query.Problem(request.Path.Value) is { } problem) return problem;
        if (await FindAsync(name, ct).ConfigureAwait(false) is not { } record) return MonitorsApi.NotFound(name, request.Path.Value);

        var window = UptimeWindow.TryParse(windowName)!;
        var now = time.GetUtcNow();
        var tallies = await uptime.TalliesAsync(record, window, now, ct).ConfigureAwait(false);
        var (overall, perTarget) = UptimeFigures.For(tallies, record.Definition.UptimeIncludesMaintenance == true);
        var page = perTarget.Where(t => after is null || string.CompareOrdinal(t.Key, after) > 0)
            .OrderBy(t => t.Key, StringComparer.Ordinal).Take(limit + 1).Select(t => new TargetUptime(t.Key, t.Value)).ToList();
        var more = page.Count > limit;
        if (more) page.RemoveAt(limit);
        var cover = window.Cover(now);
        return ApiResponse.Json(200, new
        {
            name, window = window.Name, from = cover.Start, to = now,
            includesMaintenance = record.Definition.UptimeIncludesMaintenance == true,
            overall, targets = page, continuationToken = more ? page[^1].Name : null,
        });
    }

    /// <summary>
    /// GET /api/monitors/{name}/uptime/days?days=1-90 (default 90)&amp;limit=1-100 (default 50)&amp;continuationToken=:
    /// a page of targets by name, each with its uptime and cycles per UTC day (aligned with <c>dates</c>, oldest first,
    /// today so far last). A day without checks has uptime null. A page reads at most three blobs per rolled-up day.
    /// </summary>
    public async Task<ApiResponse> UptimeDaysAsync(string name, HttpRequest request, CancellationToken ct)
    {
        var query = QueryReader.For(request, Routes.GetMonitorUptimeDays);
        var days = query.Int(DaysQuery, 1, UptimeDaysQuery.MaxDays) ?? UptimeDaysQuery.MaxDays;
        var limit = query.Int(LimitQuery, 1, UptimeDaysQuery.MaxLimit) ?? 50;
        var after = query.Text(ContinuationQuery);
        if (after is { Length: > MaxTargetName }) query.Errors.Add(QueryReader.NotOurs(ContinuationQuery));
        if (query.Problem(request.Path.Value) is { } problem) return problem;
        if (await FindAsync(name, ct).ConfigureAwait(false) is not { } record) return MonitorsApi.NotFound(name, request.Path.Value);

        var now = time.GetUtcNow();
        var page = await daily.PageAsync(record, days, limit, after, now, ct).ConfigureAwait(false);
        var includeMaintenance = record.Definition.UptimeIncludesMaintenance == true;
        var dayNames = page.Days.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // Columns, not one object per day: 90 days of 50 targets stay a few tens of KB.
        return ApiResponse.Json(200, new
        {
            name, days = page.Days.Count, from = page.Days[0], to = now, includesMaintenance = includeMaintenance, dates = dayNames,
            targets = page.Targets.Select(t => new
            {
                name = t.Name,
                uptimePercent = t.PerDay.Select(tally => UptimeFigures.Of(tally, includeMaintenance).UptimePercent),
                cycles = t.PerDay.Select(tally => tally.Total),
            }),
            continuationToken = page.After,
        });
    }

    /// <summary>GET /api/monitors/{name}/events?limit=&amp;continuationToken=: newest first.</summary>
    public async Task<ApiResponse> EventsAsync(string name, HttpRequest request, CancellationToken ct)
    {
        var query = QueryReader.For(request, Routes.GetMonitorEvents);
        var limit = query.Int(LimitQuery, 1, 1000) ?? 100;
        var after = query.Text(ContinuationQuery);
        if (after is not null && !MonitorEvents.IsKey(after)) query.Errors.Add(QueryReader.NotOurs(ContinuationQuery));
        if (query.Problem(request.Path.Value) is { } problem) return problem;
        if (RequestIds.Check(name) is not null || (await FindAsync(name, ct).ConfigureAwait(false) is null && after is null
                && (await events.PageAsync(name, null, 1, ct).ConfigureAwait(false)).Events.Count == 0))
            return MonitorsApi.NotFound(name, request.Path.Value);
        var (page, next) = await events.PageAsync(name, after, limit, ct).ConfigureAwait(false);
        return ApiResponse.Json(200, new { name, events = page, continuationToken = next });
    }

    private async Task<MonitorRecord?> FindAsync(string name, CancellationToken ct) =>
        RequestIds.Check(name) is null ? await store.GetAsync(name, ct).ConfigureAwait(false) : null;
}
