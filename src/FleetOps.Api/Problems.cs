using FleetOps.Core.Contracts;

namespace FleetOps.Api;

/// <summary>RFC 9457 problem details. Validation problems list every bad field in <c>errors</c>.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public sealed record ProblemDetails(string Type, string Title, int Status, string Detail, string? Instance = null, IReadOnlyList<ValidationError>? Errors = null);

    public static ApiResponse Validation(IReadOnlyList<ValidationError> errors, string? instance = null) =>
        Problem(400, "invalid-request", "The request is invalid",
            string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), instance, errors);

    public static ApiResponse TooLarge(long limit, string? instance = null) =>
        Problem(413, "body-too-large", "The request body is too large",
            $"body: the request body is larger than the limit of {limit} bytes", instance,
            [new ValidationError("body", $"larger than {limit} bytes")]);

    public static ApiResponse UnsupportedMediaType(string? contentType, string? instance = null) =>
        Problem(415, "unsupported-media-type", "The request body must be JSON",
            $"Content-Type: '{contentType}' is not application/json", instance,
            [new ValidationError("Content-Type", $"'{contentType}' is not application/json")]);

    public static ApiResponse NotFound(string id, string? instance = null) =>
        Problem(404, "run-not-found", "No such run", $"id: no run has id '{id}'", instance,
            [new ValidationError("id", $"no run has id '{id}'")]);

    public static ApiResponse Conflict(string title, string detail, string? instance = null) =>
        Problem(409, "conflict", title, detail, instance);

    public static ApiResponse Problem(int status, string type, string title, string detail, string? instance = null, IReadOnlyList<ValidationError>? errors = null) =>
        ApiResponse.Json(status, new ProblemDetails($"https://fleetops.dev/problems/{type}", title, status, detail, instance, errors), ContentType);
}
