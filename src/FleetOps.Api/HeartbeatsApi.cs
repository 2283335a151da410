using FleetOps.Core.Contracts;
using FleetOps.Workflows.Monitors;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api;

/// <summary>
/// <c>POST|GET /api/heartbeats/{token}</c> records a beat and <c>POST /api/heartbeats/{token}/fail</c> a failure of
/// the heartbeat monitor that owns the token. No API key: the token (256 random bits) is the credential, so these
/// are the only routes served without one. The token is looked up by its hash and never echoed or logged.
/// </summary>
public sealed class HeartbeatsApi(MonitorStore store, MonitorStateStore state, TimeProvider time)
{
    /// <summary>A failure's message is a line for the alert: small.</summary>
    private const long MaxFailBody = 16 * 1024;
    private const int MaxMessage = 512;

    /// <summary>An optional body of <c>/fail</c>.</summary>
    public sealed record FailureBody(string? Message);

    public async Task<ApiResponse> BeatAsync(string token, CancellationToken ct)
    {
        if (await store.FindByTokenAsync(token, ct).ConfigureAwait(false) is not { } record) return NotFound();
        var now = time.GetUtcNow();
        await state.WriteBeatAsync(record.Name, record.Incarnation, new HeartbeatSignal(now), ct).ConfigureAwait(false);
        return ApiResponse.Json(200, new { monitor = record.Name, beat = now });
    }

    public async Task<ApiResponse> FailAsync(string token, HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, MediaTypes.Json, ct, MaxFailBody).ConfigureAwait(false);
        if (problem is not null) return problem;
        string? message = null;
        if (!body.IsEmpty)
        {
            try
            {
                message = RequestReader.Deserialize<FailureBody>(body.Span).Message;
            }
            catch (RequestValidationException e)
            {
                return Problems.Validation(e.Errors, "/api/heartbeats/{token}/fail");
            }
        }
        if (await store.FindByTokenAsync(token, ct).ConfigureAwait(false) is not { } record) return NotFound();
        var now = time.GetUtcNow();
        var signal = new HeartbeatSignal(now) { Message = message is { Length: > MaxMessage } ? message[..MaxMessage] + "…" : message };
        await state.WriteFailureAsync(record.Name, record.Incarnation, signal, ct).ConfigureAwait(false);
        return ApiResponse.Json(200, new { monitor = record.Name, failed = now });
    }

    // The instance names the route, never the token: it is a credential.
    private static ApiResponse NotFound() =>
        Problems.Problem(404, "heartbeat-not-found", "No such heartbeat", "token: no heartbeat monitor has this token", "/api/heartbeats/{token}",
            [new ValidationError("token", "no heartbeat monitor has this token")]);
}
