using FleetOps.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FleetOps.Functions;

/// <summary>HTTP triggers of <c>/api/monitors</c>: each only hands the request to the shared <see cref="MonitorsApi"/> or <see cref="MonitorStateApi"/>.</summary>
public sealed class MonitorHttpFunctions(MonitorsApi api, MonitorStateApi state)
{
    [Function("ListMonitors")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Monitors)] HttpRequest request, CancellationToken cancellationToken) =>
        await api.ListAsync(request, cancellationToken);

    [Function("PutMonitor")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Monitor)] HttpRequest request, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await api.PutAsync(name, request, client, cancellationToken);

    [Function("GetMonitor")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Monitor)] HttpRequest request, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await api.GetAsync(name, client, cancellationToken);

    [Function("GetMonitorSummary")]
    public async Task<IActionResult> GetSummary(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MonitorSummary)] HttpRequest request, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await api.GetAsync(name, client, cancellationToken, summary: true);

    [Function("DeleteMonitor")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Routes.Monitor)] HttpRequest request, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await api.DeleteAsync(name, client, cancellationToken);

    [Function("PauseMonitor")]
    public async Task<IActionResult> Pause(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.MonitorPause)] HttpRequest request, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await api.SetPausedAsync(name, paused: true, client, cancellationToken);

    [Function("ResumeMonitor")]
    public async Task<IActionResult> Resume(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.MonitorResume)] HttpRequest request, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await api.SetPausedAsync(name, paused: false, client, cancellationToken);

    [Function("GetMonitorTargets")]
    public async Task<IActionResult> Targets(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MonitorTargets)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await state.TargetsAsync(name, request, cancellationToken);

    [Function("GetMonitorUptime")]
    public async Task<IActionResult> Uptime(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MonitorUptime)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await state.UptimeAsync(name, request, cancellationToken);

    [Function("GetMonitorEvents")]
    public async Task<IActionResult> Events(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MonitorEvents)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await state.EventsAsync(name, request, cancellationToken);

    [Function("GetMonitorUptimeDays")]
    public async Task<IActionResult> UptimeDays(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MonitorUptimeDays)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await state.UptimeDaysAsync(name, request, cancellationToken);
}
