using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Monitors;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// <c>/api/monitors</c>: define (PUT), read, list, pause, resume and delete monitors. A change is stored, then the
/// monitor's orchestration is started or woken, so it applies within seconds. The read routes of a monitor's state
/// (targets, uptime, events) are in <see cref="MonitorStateApi"/>.
/// </summary>
public sealed class MonitorsApi(MonitorRequestParser requests, MonitorStarter starter, MonitorStore store)
{
    public const string LimitQuery = "limit", ContinuationQuery = "continuationToken";

    /// <summary>What PUT answers: the monitor, whether it was created or changed, and a heartbeat's token when one was minted (shown only here, once).</summary>
    public sealed record PutAnswer(string Name, bool Created, bool Changed, int Version, bool Paused, string? HeartbeatToken, MonitorLinks Links);

    public sealed record MonitorLinks(string Self, string Targets, string Uptime, string Events, string? Heartbeat = null);

    /// <summary>PUT /api/monitors/{name} → 201 created, 200 replaced or unchanged; 400 naming the field.</summary>
    public async Task<ApiResponse> PutAsync(string name, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        if (RequestIds.Check(name) is { } nameProblem) return Problems.Validation([new ValidationError("name", nameProblem)], instance);
        var (body, problem) = await RequestBody.ReadAsync(request, MediaTypes.Json, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        ParsedMonitor parsed;
        try
        {
            parsed = await requests.ParseAsync(body, name, ct).ConfigureAwait(false);
        }
        catch (RequestValidationException e)
        {
            return Problems.Validation(e.Errors, instance);
        }
        var outcome = await starter.ApplyAsync(parsed, client, ct).ConfigureAwait(false);
        var record = outcome.Record;
        var links = Links(name) with { Heartbeat = outcome.Token is { } t ? $"/{Routes.Prefix}/heartbeats/{t}" : null };
        return ApiResponse.Json(outcome.Created ? 201 : 200, new PutAnswer(name, outcome.Created, outcome.Changed, record.Version, record.Paused, outcome.Token, links))
            .WithHeader("Location", links.Self);
    }

    /// <summary>GET /api/monitors/{name}: the definition, the runtime (cycle, next due, lateness) and the state: overall and counts by state.</summary>
    public async Task<ApiResponse> GetAsync(string name, DurableTaskClient client, CancellationToken ct, bool summary = false)
    {
        var record = RequestIds.Check(name) is null ? await store.GetAsync(name, ct).ConfigureAwait(false) : null;
        if (record is null) return NotFound(name, Routes.GetMonitor.Path(name));
        var metadata = await client.GetInstanceAsync(MonitorIds.InstanceId(name), getInputsAndOutputs: true, ct).ConfigureAwait(false);
        var status = metadata?.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<MonitorStatus>();
        var counts = status?.Counts ?? MonitorCounts.Zero;
        return ApiResponse.Json(200, new
        {
            name,
            state = record.Paused ? "paused" : counts.Overall,
            counts = new { up = counts.Up, down = counts.Down, unknown = counts.Unknown, failing = counts.Failing, total = counts.Total },
            version = record.Version,
            paused = record.Paused,
            createdAt = record.CreatedAt,
            updatedAt = record.UpdatedAt,
            heartbeat = record.Definition.Heartbeat is null ? null : new { tokenSet = record.TokenHash is not null, waitingSince = record.ActiveSince },
            runtime = new
            {
                runtimeStatus = metadata?.RuntimeStatus.ToString() ?? "NotStarted",
                phase = status?.Phase,
                cycle = status?.Cycle,
                cycleAt = status?.CycleAt,
                nextDue = status?.NextDue,
                latenessSeconds = status?.LatenessSeconds,
                lateCycles = status?.LateCycles,
                skippedCycles = status?.SkippedCycles,
                maintenance = status?.Maintenance,
                targets = status?.Targets,
                failedBatches = status?.FailedBatches,
                problem = status?.Problem,
            },
            // The summary (what the dashboard polls) leaves out the listed targets: its size does not grow with the fleet.
            definition = summary ? record.Definition with { Targets = null, InventoryInline = null } : record.Definition,
            links = Links(name),
        });
    }

    /// <summary>GET /api/monitors?limit=&amp;continuationToken=: monitors by name.</summary>
    public async Task<ApiResponse> ListAsync(HttpRequest request, CancellationToken ct)
    {
        var query = QueryReader.For(request, Routes.ListMonitors);
        var limit = query.Int(LimitQuery, 1, 1000) ?? 100;
        var after = query.Text(ContinuationQuery);
        if (after is not null && RequestIds.Check(after) is not null)
            query.Errors.Add(QueryReader.NotOurs(ContinuationQuery));
        if (query.Problem(request.Path.Value) is { } problem) return problem;
        var (monitors, more) = await store.ListAsync(after, limit, ct).ConfigureAwait(false);
        var next = more && monitors.Count > 0 ? monitors[^1].Name : null;
        return ApiResponse.Json(200, new
        {
            monitors = monitors.Select(m => new { m.Name, m.Paused, m.Heartbeat, m.Version, m.UpdatedAt, links = Links(m.Name) }),
            continuationToken = next,
        });
    }

    /// <summary>DELETE /api/monitors/{name}: the monitor stops within seconds; its state and history go with it.</summary>
    public async Task<ApiResponse> DeleteAsync(string name, DurableTaskClient client, CancellationToken ct)
    {
        var deleted = RequestIds.Check(name) is null ? await starter.DeleteAsync(name, client, ct).ConfigureAwait(false) : null;
        return deleted is null ? NotFound(name, Routes.DeleteMonitor.Path(name)) : ApiResponse.Json(200, new { name, deleted = true });
    }

    /// <summary>POST /api/monitors/{name}/pause and /resume: no cycles while paused; a resume starts one at once.</summary>
    public async Task<ApiResponse> SetPausedAsync(string name, bool paused, DurableTaskClient client, CancellationToken ct)
    {
        var result = RequestIds.Check(name) is null ? await starter.SetPausedAsync(name, paused, client, ct).ConfigureAwait(false) : null;
        if (result is not { } r) return NotFound(name, (paused ? Routes.PauseMonitor : Routes.ResumeMonitor).Path(name));
        return ApiResponse.Json(200, new { name, paused = r.Record.Paused, changed = r.Changed, links = Links(name) });
    }

    public static MonitorLinks Links(string name) =>
        new(Routes.GetMonitor.Path(name), Routes.GetMonitorTargets.Path(name), Routes.GetMonitorUptime.Path(name), Routes.GetMonitorEvents.Path(name));

    public static ApiResponse NotFound(string name, string? instance) =>
        Problems.Problem(404, "monitor-not-found", "No such monitor", $"name: no monitor named '{Echo.Cut(name)}'", instance,
            [new ValidationError("name", $"no monitor named '{Echo.Cut(name)}'")]);
}
