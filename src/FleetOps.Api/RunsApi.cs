using FleetOps.Core.Contracts;
using FleetOps.Workflows.Sweeps;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>The route handlers, written once and called by both hosts' thin endpoints.</summary>
public sealed class RunsApi(SweepStarter starter, SweepRequests requests)
{
    public const string StatusQuery = "status", LimitQuery = "limit";

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

    /// <summary>GET /api/runs?status=Running&amp;limit=50: the newest page of runs, optionally by runtime status.</summary>
    public async Task<ApiResponse> ListRunsAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        // Names only, exactly: Enum.TryParse would take "1" (Running) or " running".
        var parameters = QueryReader.For(request, Routes.ListRuns);
        var statuses = parameters.ListOf(StatusQuery, StatusNames).Select(Enum.Parse<OrchestrationRuntimeStatus>).ToList();
        var limit = parameters.Int(LimitQuery, 1, 1000) ?? 100;
        if (parameters.Problem(request.Path.Value) is { } problem) return problem;

        var query = new OrchestrationQuery { Statuses = statuses.Count > 0 ? statuses : null, PageSize = limit, FetchInputsAndOutputs = true };
        var runs = new List<RunView>();
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(ct).ConfigureAwait(false))
        {
            if (metadata.Name == SweepChunkOrchestrator.Name) continue; // part of a sweep, not a run of its own
            runs.Add(RunView.From(metadata));
            if (runs.Count >= limit) break;
        }
        return ApiResponse.Json(200, new { runs = runs.OrderByDescending(r => r.CreatedAt).ToList() });
    }

    /// <summary>GET /api/runs/{id}</summary>
    public async Task<ApiResponse> GetRunAsync(string id, DurableTaskClient client, CancellationToken ct)
    {
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct).ConfigureAwait(false);
        if (metadata is null) return Problems.NotFound(id, Routes.RunPath(id));
        var view = RunView.From(metadata);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Running)
            view = view with { Progress = await LiveProgress.ForAsync(id, view.Progress, client, ct).ConfigureAwait(false) };
        return ApiResponse.Json(200, view);
    }

    /// <summary>POST /api/runs/{id}/cancel: stops the run; batches in flight finish, no new ones start.</summary>
    public async Task<ApiResponse> CancelAsync(string id, DurableTaskClient client, CancellationToken ct)
    {
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (metadata is null) return Problems.NotFound(id, Routes.CancelPath(id));
        if (metadata.IsCompleted)
            return Problems.Conflict("The run has already ended", $"id: run '{id}' is {metadata.RuntimeStatus}", Routes.CancelPath(id));
        // A rollout is told to stop (in-flight actions finish, its lock is released), not terminated.
        if (metadata.Name == Workflows.Rollouts.RolloutOrchestrator.Name) return await RolloutsApi.CancelAsync(id, metadata, client, ct).ConfigureAwait(false);
        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "cancelled by request", Recursive = true }, ct).ConfigureAwait(false);
        // A large sweep's chunks are sub-orchestrations: stop them too (the self-host's engine has no recursive terminate).
        if (metadata.SerializedCustomStatus is not null && metadata.ReadCustomStatusAs<SweepProgress>() is { ChunksTotal: > 0 } progress)
        {
            for (var k = 0; k < progress.ChunksTotal; k++)
            {
                var chunkId = SweepChunkOrchestrator.InstanceId(id, k);
                if (await client.GetInstanceAsync(chunkId, false, ct).ConfigureAwait(false) is { IsCompleted: false })
                    await client.TerminateInstanceAsync(chunkId, new TerminateInstanceOptions { Output = "sweep cancelled" }, ct).ConfigureAwait(false);
            }
        }
        return ApiResponse.Json(202, new { id, runtimeStatus = "Terminating", links = new RunLinks(Routes.RunPath(id), Routes.ReportPath(id), Routes.CancelPath(id)) })
            .WithHeader("Location", Routes.RunPath(id));
    }
}
