using FleetOps.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FleetOps.Functions;

/// <summary>HTTP triggers: each only hands the request to the shared <see cref="RunsApi"/>.</summary>
public sealed class RunHttpFunctions(RunsApi api, ReportsApi reports)
{
    [Function("StartSweep")]
    public async Task<IActionResult> StartSweep(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Sweeps)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.StartSweepAsync(request, client, cancellationToken);

    [Function("ListRuns")]
    public async Task<IActionResult> ListRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Runs)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.ListRunsAsync(request, client, cancellationToken);

    [Function("GetRun")]
    public async Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Run)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.GetRunAsync(id, client, cancellationToken);

    [Function("GetRunReport")]
    public async Task<IActionResult> GetRunReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.RunReport)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await reports.GetReportAsync(id, request, client, cancellationToken);

    [Function("CancelRun")]
    public async Task<IActionResult> CancelRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.RunCancel)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.CancelAsync(id, client, cancellationToken);
}
