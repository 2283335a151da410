using FleetOps.Core.Contracts;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>The route handlers, written once and called by both hosts' thin endpoints.</summary>
public sealed class RunsApi(SweepStarter starter, SweepRequestParser requests, RunListing listing)
{
    public const string StatusQuery = "status", LimitQuery = "limit", ContinuationQuery = "continuation";

    private static readonly string[] StatusNames = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <summary>POST /api/sweeps</summary>
    public async Task<ApiResponse> StartSweepAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var (body, problem) = await RequestBody.ReadAsync(request, MediaTypes.Json, ct).ConfigureAwait(false);
        if (problem is not null) return problem;

        SweepRequest sweep;
        try
        {
            sweep = await requests.ParseAsync(body, ct).ConfigureAwait(false);
        }
        catch (RequestValidationException e)
        {
            return Problems.Validation(e.Errors, instance);
        }

        var started = await starter.StartAsync(sweep, sweep.RequestId ?? RequestIds.NewId(), client, ct).ConfigureAwait(false);
        var links = new RunLinks(Routes.RunPath(started.RunId), Routes.ReportPath(started.RunId), Routes.CancelPath(started.RunId));
        return ApiResponse.Json(started.Created ? 202 : 200, new RunAccepted(started.RunId, started.Created, started.Targets, started.Batches, links))
            .WithHeader("Location", links.Self);
    }

    /// <summary>
    /// GET /api/runs?status=Running&amp;limit=50&amp;continuation=…: runs newest first, optionally by runtime status;
    /// <c>continuation</c> (from the previous page) fetches the next page.
    /// </summary>
    public async Task<ApiResponse> ListRunsAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        // Names only, exactly: Enum.TryParse would take "1" (Running) or " running".
        var parameters = QueryReader.For(request, Routes.ListRuns);
        var statuses = parameters.ListOf(StatusQuery, StatusNames).Select(Enum.Parse<OrchestrationRuntimeStatus>).ToList();
        var limit = parameters.Int(LimitQuery, 1, 1000) ?? 100;
        var continuation = parameters.Text(ContinuationQuery);
        if (continuation is not null && !RunIndex.IsKey(continuation))
            parameters.Errors.Add(QueryReader.NotOurs(ContinuationQuery));
        if (parameters.Problem(request.Path.Value) is { } problem) return problem;

        var page = await listing.ListAsync(statuses, limit, continuation, client, ct).ConfigureAwait(false);
        string? next = null;
        if (page.Continuation is { } token)
        {
            var query = request.Query.Where(q => q.Key != ContinuationQuery).SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
                .Append($"{ContinuationQuery}={Uri.EscapeDataString(token)}");
            next = $"/{Routes.Prefix}/{Routes.Runs}?{string.Join('&', query)}";
        }
        return ApiResponse.Json(200, new { runs = page.Runs, continuation = page.Continuation, next });
    }

    /// <summary>GET /api/runs/{id}: a bounded number of reads, however many chunks the run has.</summary>
    public async Task<ApiResponse> GetRunAsync(string id, DurableTaskClient client, CancellationToken ct)
    {
        var metadata = await RunLookup.FindAsync(id, client, withPayloads: true, ct).ConfigureAwait(false);
        if (metadata is null) return Problems.NotFound(id, Routes.RunPath(id));
        var view = RunView.From(metadata);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Running)
            view = view with { Progress = await LiveProgress.ForAsync(id, view.Progress, client, ct).ConfigureAwait(false) };
        return ApiResponse.Json(200, view);
    }

    /// <summary>POST /api/runs/{id}/cancel: stops the run; batches in flight finish, no new ones start.</summary>
    public async Task<ApiResponse> CancelAsync(string id, DurableTaskClient client, CancellationToken ct)
    {
        var metadata = await RunLookup.FindAsync(id, client, withPayloads: false, ct).ConfigureAwait(false);
        if (metadata is null) return Problems.NotFound(id, Routes.CancelPath(id));
        if (metadata.IsCompleted)
            return Problems.Conflict("The run has already ended", $"id: run '{id}' is {metadata.RuntimeStatus}", Routes.CancelPath(id));
        // A rollout is told to stop (in-flight actions finish, its lock is released), not terminated.
        if (metadata.Name == Workflows.Rollouts.RolloutOrchestrator.Name) return await RolloutsApi.CancelAsync(id, metadata, client, ct).ConfigureAwait(false);
        await SweepCancel.TerminateAsync(id, client, ct).ConfigureAwait(false);
        return ApiResponse.Json(202, new { id, runtimeStatus = "Terminating", links = new RunLinks(Routes.RunPath(id), Routes.ReportPath(id), Routes.CancelPath(id)) })
            .WithHeader("Location", Routes.RunPath(id));
    }
}
