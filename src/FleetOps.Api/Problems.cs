using FleetOps.Core.Contracts;

namespace FleetOps.Api;

/// <summary>
/// RFC 9457 problem details. Validation problems list the bad fields in <c>errors</c>. Whatever a handler passes, a
/// problem body stays under <see cref="ProblemCaps.MaxBodyBytes"/>: see <see cref="ProblemCaps"/>.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <param name="MoreErrors">How many errors were left out of <paramref name="Errors"/> to keep the body small.</param>
    /// <param name="CorrelationId">For a 500: the id the host's log line of the failure carries.</param>
    public sealed record ProblemDetails(string Type, string Title, int Status, string Detail, string? Instance = null,
        IReadOnlyList<ValidationError>? Errors = null, int? MoreErrors = null, string? CorrelationId = null);

    public static ApiResponse Validation(IReadOnlyList<ValidationError> errors, string? instance = null) =>
        Problem(400, "invalid-request", "The request is invalid", ProblemCaps.Summary(errors), instance, errors);

    public static ApiResponse TooLarge(long limit, string? instance = null) =>
        Problem(413, "body-too-large", "The request body is too large",
            $"body: the request body is larger than the limit of {limit} bytes", instance,
            [new ValidationError("body", $"larger than {limit} bytes")]);

    public static ApiResponse UnsupportedMediaType(string reason, string? instance = null) =>
        Problem(415, "unsupported-media-type", "The request body has the wrong media type",
            $"Content-Type: {reason}", instance, [new ValidationError("Content-Type", reason)]);

    public static ApiResponse NotFound(string id, string? instance = null) =>
        Problem(404, "run-not-found", "No such run", $"id: no run has id {Echo.Quote(id)}", instance,
            [new ValidationError("id", $"no run has id {Echo.Quote(id)}")]);

    public static ApiResponse Conflict(string title, string detail, string? instance = null) =>
        Problem(409, "conflict", title, detail, instance);

    /// <summary>An unexpected failure: no stack trace, no exception text, only the id to find it in the host's log.</summary>
    public static ApiResponse Internal(string correlationId, string? instance = null) =>
        ApiResponse.Json(500, ProblemCaps.Apply(new ProblemDetails(Uri("internal-error"), "The server failed to handle the request", 500,
            $"an unexpected error; the server's log has it under correlation id {correlationId}", instance, CorrelationId: correlationId)), ContentType)
            .WithHeader(CorrelationHeader, correlationId);

    public const string CorrelationHeader = "X-Correlation-Id";

    public static ApiResponse Problem(int status, string type, string title, string detail, string? instance = null, IReadOnlyList<ValidationError>? errors = null) =>
        ApiResponse.Json(status, ProblemCaps.Apply(new ProblemDetails(Uri(type), title, status, detail, instance, errors)), ContentType);

    private static string Uri(string type) => $"https://fleetops.dev/problems/{type}";
}
