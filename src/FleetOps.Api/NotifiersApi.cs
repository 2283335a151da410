using FleetOps.Core.Contracts;
using FleetOps.Core.Notifiers;
using FleetOps.Probing.Notifiers;
using FleetOps.Workflows.Notifiers;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api;

/// <summary>
/// PUT/GET/DELETE /api/notifiers/{name}, GET /api/notifiers and POST /api/notifiers/{name}/test. A response never
/// carries a secret: a definition is shown as <see cref="RedactedNotifier"/>, and errors name the destination's host only.
/// </summary>
public sealed class NotifiersApi(NotifierStore store, NotifierRequestParser requests, NotifierSender sender, ISecretSource secrets, TimeProvider time)
{
    /// <summary>A notifier is a few fields: 64 KiB is far more than one needs.</summary>
    public const long MaxBody = 64 * 1024;

    /// <summary>What POST .../test answers: whether the receiver took the test message, and what it said.</summary>
    public sealed record TestResult(string Name, bool Ok, int? Status, string? Answer, string? Error, string? ErrorKind, double ElapsedMs, string? Destination);

    /// <summary>PUT: 201 when new, 200 when replaced; the body is the stored definition, redacted.</summary>
    public async Task<ApiResponse> PutAsync(string name, HttpRequest request, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var (body, problem) = await RequestBody.ReadAsync(request, MediaTypes.Json, ct, MaxBody).ConfigureAwait(false);
        if (problem is not null) return problem;
        NotifierDefinition definition;
        try
        {
            definition = requests.Parse(body.Span, name);
        }
        catch (RequestValidationException e)
        {
            return Problems.Validation(e.Errors, instance);
        }
        var (created, stored) = await store.PutAsync(name, definition, ct).ConfigureAwait(false);
        return ApiResponse.Json(created ? 201 : 200, RedactedNotifier.Of(name, stored.Definition)).WithHeader("Location", Routes.GetNotifier.Path(name));
    }

    public async Task<ApiResponse> GetAsync(string name, HttpRequest request, CancellationToken ct) =>
        await store.GetAsync(name, ct).ConfigureAwait(false) is { } stored
            ? ApiResponse.Json(200, RedactedNotifier.Of(name, stored.Definition))
            : NotFound(name, request.Path.Value);

    public async Task<ApiResponse> DeleteAsync(string name, HttpRequest request, CancellationToken ct) =>
        await store.DeleteAsync(name, ct).ConfigureAwait(false) ? ApiResponse.Json(200, new { name, deleted = true }) : NotFound(name, request.Path.Value);

    /// <summary>GET: the names, at most <see cref="NotifierStore.MaxListed"/> (<c>more</c> says there are others).</summary>
    public async Task<ApiResponse> ListAsync(CancellationToken ct)
    {
        var (names, more) = await store.ListAsync(ct).ConfigureAwait(false);
        return ApiResponse.Json(200, new { notifiers = names, more = more ? true : (bool?)null });
    }

    /// <summary>
    /// POST .../test: sends a test notification now, once (no retry), through the notifier policy, and reports the
    /// receiver's answer: 200 when it took it (2xx), 502 when it did not or could not be reached, or the notifier
    /// cannot send as configured (a setting it names is not set).
    /// </summary>
    public async Task<ApiResponse> TestAsync(string name, HttpRequest request, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct).ConfigureAwait(false) is not { } stored) return NotFound(name, request.Path.Value);
        var now = time.GetUtcNow();
        NotifierRequest built;
        try
        {
            built = NotifierKinds.Build(stored.Definition, MonitorNotifications.Test(name, now), secrets, now);
        }
        catch (NotifierConfigException e)
        {
            return ApiResponse.Json(502, new TestResult(name, false, null, null, e.Message, "config", 0, null));
        }
        var result = await sender.SendAsync(built, ct).ConfigureAwait(false);
        var kind = result.Error is { } error ? System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(error.Kind.ToString()) : null;
        return ApiResponse.Json(result.Ok ? 200 : 502,
            new TestResult(name, result.Ok, result.Status, result.Answer, result.Error?.Message, kind, result.ElapsedMs, built.Destination));
    }

    private static ApiResponse NotFound(string name, string? instance) =>
        Problems.Problem(404, "notifier-not-found", "No such notifier", $"name: no notifier named '{name}'", instance,
            [new ValidationError("name", $"no notifier named '{name}'")]);
}
