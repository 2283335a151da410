using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Core.Rollouts;
using FleetOps.Workflows.Rollouts;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// POST /api/rollouts and the control routes of a running rollout: approve, reject, pause, resume, retune (cancel
/// is POST /api/runs/{id}/cancel, which raises the rollout's cancel event instead of terminating it).
/// </summary>
public sealed class RolloutsApi(RolloutRequestParser requests, RolloutStarter starter, RolloutStore store)
{
    /// <summary>Control bodies are small: who and why.</summary>
    private const long MaxControlBody = 64 * 1024;

    /// <summary>Seconds a client waits before it starts again when the lock kept changing hands.</summary>
    public const int ContendedRetryAfterSeconds = 1;

    /// <summary>202 to POST /api/rollouts.</summary>
    public sealed record RolloutAccepted(string Id, bool Created, int Nodes, RunLinks Links);

    /// <summary>POST /api/rollouts → 202 + Location; 200 when the requestId already ran; 409 naming the rollout that holds the inventory.</summary>
    public async Task<ApiResponse> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var (body, problem) = await RequestBody.ReadAsync(request, MediaTypes.Json, ct).ConfigureAwait(false);
        if (problem is not null) return problem;

        ResolvedRollout rollout;
        try
        {
            rollout = await requests.ParseAsync(body, ct).ConfigureAwait(false);
        }
        catch (RequestValidationException e)
        {
            return Problems.Validation(e.Errors, instance);
        }

        var started = await starter.StartAsync(rollout, rollout.Request.RequestId ?? RequestIds.NewId(), client, ct).ConfigureAwait(false);
        if (Refusal(started, rollout, instance) is { } refused) return refused;
        var links = Links(started.RunId);
        return ApiResponse.Json(started.Created ? 202 : 200, new RolloutAccepted(started.RunId, started.Created, started.Nodes, links))
            .WithHeader("Location", links.Self);
    }

    /// <summary>
    /// Why a start was refused: 409 naming the rollout that holds the lock, or 503 with Retry-After when the lock kept
    /// changing hands (transient); both problem+json naming the lock and the field. Null when the rollout started.
    /// </summary>
    internal static ApiResponse? Refusal(StartedRollout started, ResolvedRollout rollout, string? instance)
    {
        var field = rollout.Request.Inventory is not null ? "inventory" : "targets";
        var what = rollout.Request.Inventory is { } inventory ? $"inventory '{inventory}'" : "these nodes";
        if (started.Contended)
        {
            // Transient: starts and ends of other rollouts kept moving the lock while this one tried to take it.
            var lockName = $"{RolloutLocks.ContainerName}/{rollout.LockKey}";
            return Problems.Problem(503, "lock-contended", "The rollout lock is changing hands",
                    $"{field}: the lock {lockName} of {what} changed hands under each of {RolloutLocks.MaxAttempts} attempts to take it; try again in {ContendedRetryAfterSeconds} s",
                    instance, [new ValidationError(field, $"the lock {lockName} of {what} is contended; try again")])
                .WithHeader("Retry-After", ContendedRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (started.HeldBy is { } holder)
        {
            return Problems.Problem(409, "rollout-running", "Another rollout is running on these nodes",
                $"{field}: rollout '{holder}' is running on {what}; one rollout at a time (wait for it, or POST {Routes.CancelPath(holder)})",
                instance, [new ValidationError(field, $"rollout '{holder}' is running on {what}")]).WithHeader("Content-Location", Routes.RunPath(holder));
        }
        return null;
    }

    /// <summary>POST /api/runs/{id}/approve and /reject: only while the rollout waits for approval.</summary>
    public async Task<ApiResponse> DecideAsync(string id, bool approve, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var (body, problem) = await ReadAsync<ControlBody>(request, instance, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        var (metadata, notRollout) = await FindAsync(id, instance, client, ct).ConfigureAwait(false);
        if (notRollout is not null) return notRollout;
        var progress = Progress(metadata!);
        if (metadata!.IsCompleted || progress is not { State: RolloutState.WaitingApproval })
            return Problems.Conflict("The rollout is not waiting for approval",
                $"id: rollout '{id}' is {StateOf(metadata, progress)}, not waiting-approval", instance);
        var decision = new ApprovalDecision(approve, body?.By, body?.Reason, progress.Wave, DateTimeOffset.UtcNow);
        await client.RaiseEventAsync(id, RolloutEvents.Approval, decision, ct).ConfigureAwait(false);
        return Accepted(id, approve ? "approved" : "rejected", new { wave = progress.Wave, by = body?.By, reason = body?.Reason });
    }

    /// <summary>POST /api/runs/{id}/pause: the engine suspends the rollout; actions in flight finish, nothing new starts.</summary>
    public async Task<ApiResponse> PauseAsync(string id, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var (body, problem) = await ReadAsync<ControlBody>(request, instance, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        var (metadata, notRollout) = await FindAsync(id, instance, client, ct).ConfigureAwait(false);
        if (notRollout is not null) return notRollout;
        if (metadata!.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            return Problems.Conflict("The rollout is not running", $"id: rollout '{id}' is {StateOf(metadata, Progress(metadata))}", instance);
        // The note first: it lands in the history before the suspension, and the timeline records who paused.
        await client.RaiseEventAsync(id, RolloutEvents.Paused, new ControlNote(body?.By, body?.Reason, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
        await client.SuspendInstanceAsync(id, body?.Reason ?? "paused", ct).ConfigureAwait(false);
        // Actions in flight look at this flag before each node: a chunk under way starts no more nodes.
        await store.WriteControlAsync(id, new ControlFlag(RolloutStop.Paused, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
        return Accepted(id, "paused", null);
    }

    /// <summary>POST /api/runs/{id}/resume</summary>
    public async Task<ApiResponse> ResumeAsync(string id, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var (body, problem) = await ReadAsync<ControlBody>(request, instance, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        var (metadata, notRollout) = await FindAsync(id, instance, client, ct).ConfigureAwait(false);
        if (notRollout is not null) return notRollout;
        // Paused by a person (the engine holds it suspended), or by its gate's inconclusive Prometheus analysis (it runs, and waits for this event).
        var heldByGate = metadata!.RuntimeStatus == OrchestrationRuntimeStatus.Running && Progress(metadata) is { State: RolloutState.Paused };
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Suspended && !heldByGate)
            return Problems.Conflict("The rollout is not paused", $"id: rollout '{id}' is {StateOf(metadata, Progress(metadata))}", instance);
        // The flag first: the chunk the resumed run starts again must not see "paused".
        await store.WriteControlAsync(id, new ControlFlag(RolloutStop.None, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
        if (!heldByGate) await client.ResumeInstanceAsync(id, body?.Reason ?? "resumed", ct).ConfigureAwait(false);
        await client.RaiseEventAsync(id, RolloutEvents.Resumed, new ControlNote(body?.By, body?.Reason, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
        return Accepted(id, "resumed", null);
    }

    /// <summary>POST /api/runs/{id}/retune {concurrency?, budgets?}: applied from the next wave.</summary>
    public async Task<ApiResponse> RetuneAsync(string id, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var (retune, problem) = await ReadAsync<RetuneRequest>(request, instance, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        var errors = RetuneRequestValidator.Validate(retune);
        if (errors.Count > 0) return Problems.Validation(errors, instance);

        var (metadata, notRollout) = await FindAsync(id, instance, client, ct).ConfigureAwait(false);
        if (notRollout is not null) return notRollout;
        if (metadata!.IsCompleted)
            return Problems.Conflict("The rollout has already ended", $"id: rollout '{id}' is {StateOf(metadata, Progress(metadata))}", instance);
        if (retune!.Budgets?.OnExceeded == "rollback" && metadata.ReadInputAs<RolloutInput>() is { Rollback: null })
            return Problems.Validation([new ValidationError("budgets.onExceeded", "the rollout has no rollback action to run")], instance);
        await client.RaiseEventAsync(id, RolloutEvents.Retune, retune, ct).ConfigureAwait(false);
        return Accepted(id, "retune-requested", retune);
    }

    /// <summary>
    /// The rollout branch of POST /api/runs/{id}/cancel: raises "cancel" (actions in flight finish, no new ones start,
    /// the rollout ends cancelled and releases its lock) instead of terminating. A paused rollout is resumed to see it.
    /// </summary>
    public static async Task<ApiResponse> CancelAsync(string id, OrchestrationMetadata metadata, DurableTaskClient client, CancellationToken ct)
    {
        await client.RaiseEventAsync(id, RolloutEvents.Cancel, new ControlNote(null, null, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
            await client.ResumeInstanceAsync(id, "cancelled", ct).ConfigureAwait(false);
        return Accepted(id, "cancelling", null);
    }

    public static RunLinks Links(string id) => new(Routes.RunPath(id), Routes.ReportPath(id), Routes.CancelPath(id));

    /// <summary>
    /// The rollout's progress: the output's when it ended, else its custom status; paused while the engine holds it
    /// suspended; failed, with the reason, when the orchestration failed or was terminated (whatever it last said).
    /// </summary>
    public static RolloutProgress? Progress(OrchestrationMetadata metadata)
    {
        RolloutProgress? progress = null;
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is not null)
            progress = metadata.ReadOutputAs<RolloutOutcome>()?.Progress;
        if (progress is null && metadata.SerializedCustomStatus is not null)
            progress = metadata.ReadCustomStatusAs<RolloutProgress>();
        return metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Suspended when progress is not null => progress with { State = RolloutState.Paused },
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => Failed(metadata, progress),
            _ => progress,
        };
    }

    private static RolloutProgress Failed(OrchestrationMetadata metadata, RolloutProgress? progress)
    {
        var reason = progress is { State: RolloutState.Failed, Reason: { } own } ? own
            : metadata.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? $"terminated{(metadata.SerializedOutput is { } output ? $": {output}" : "")}"
            : metadata.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}"
            : "the orchestration failed";
        return (progress ?? new RolloutProgress(RolloutState.Failed, 0, 0, 0, 0, 0, 0, null)) with { State = RolloutState.Failed, WaitingFor = null, Reason = reason };
    }

    /// <summary>The rollout's state as the API spells it (waiting-approval), or the runtime status when it has none yet.</summary>
    private static string StateOf(OrchestrationMetadata metadata, RolloutProgress? progress) =>
        progress is null ? metadata.RuntimeStatus.ToString() : WireNames.Of(progress.State);

    private static ApiResponse Accepted(string id, string action, object? detail) =>
        ApiResponse.Json(202, new { id, action, detail, links = Links(id) }).WithHeader("Location", Routes.RunPath(id));

    private static async Task<(OrchestrationMetadata? Metadata, ApiResponse? Problem)> FindAsync(string id, string? instance, DurableTaskClient client, CancellationToken ct)
    {
        var metadata = await RunLookup.FindAsync(id, client, withPayloads: true, ct).ConfigureAwait(false);
        if (metadata is null) return (null, Problems.NotFound(id, instance));
        if (metadata.Name != RolloutOrchestrator.Name)
            return (null, Problems.Conflict("The run is not a rollout", $"id: run '{id}' is a {RunView.From(metadata).Kind}; only rollouts take this request", instance));
        return (metadata, null);
    }

    /// <summary>An optional JSON body: empty is null; broken or unknown fields are a 400 naming the field.</summary>
    private static async Task<(T? Body, ApiResponse? Problem)> ReadAsync<T>(HttpRequest request, string? instance, CancellationToken ct) where T : class
    {
        var (body, problem) = await RequestBody.ReadAsync(request, MediaTypes.Json, ct, MaxControlBody).ConfigureAwait(false);
        if (problem is not null) return (null, problem);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty) return (null, null);
        try
        {
            return (RequestReader.Deserialize<T>(body.Span), null);
        }
        catch (RequestValidationException e)
        {
            return (null, Problems.Validation(e.Errors, instance));
        }
    }
}
