using FleetOps.Core.Contracts;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>The route handlers, written once and called by both hosts' thin endpoints.</summary>
public sealed class RunsApi(SweepStarter starter, SweepRequestParser requests, RunListing listing)
{
    /// <summary>POST /api/sweeps</summary>
    public async Task<ApiResponse> StartSweepAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return Problems.UnsupportedMediaType(type, instance);
        if (request.ContentLength > RequestReader.MaxBodyBytes) return Problems.TooLarge(RequestReader.MaxBodyBytes, instance);

        var body = await ReadBodyAsync(request.Body, ct).ConfigureAwait(false);
        if (body is null) return Problems.TooLarge(RequestReader.MaxBodyBytes, instance);

        SweepRequest sweep;
        try
        {
            sweep = await requests.ParseAsync(body.Value, ct).ConfigureAwait(false);
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
        var errors = new List<ValidationError>();
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var value in request.Query["status"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(value, ignoreCase: true, out var status)) statuses.Add(status);
            else errors.Add(new ValidationError("status", $"'{value}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}"));
        }
        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 1000))
            errors.Add(new ValidationError("limit", $"'{limitText}' is not a number from 1 to 1000"));
        var continuation = request.Query["continuation"].FirstOrDefault();
        if (continuation is not null && !RunIndex.IsKey(continuation))
            errors.Add(new ValidationError("continuation", "is not a continuation this API gave out; pass the `continuation` of the previous page as it is"));
        if (errors.Count > 0) return Problems.Validation(errors, request.Path.Value);

        var page = await listing.ListAsync(statuses, limit, continuation, client, ct).ConfigureAwait(false);
        string? next = null;
        if (page.Continuation is { } token)
        {
            var query = request.Query.Where(q => q.Key != "continuation").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
                .Append($"continuation={Uri.EscapeDataString(token)}");
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

    /// <summary>Reads the whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static Task<ReadOnlyMemory<byte>?> ReadBodyAsync(Stream body, CancellationToken ct, long limit = RequestReader.MaxBodyBytes) =>
        ReadLimitedAsync(body, limit, ct);

    /// <summary>Null when the body is larger than the limit (a chunked body has no Content-Length to check first).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
