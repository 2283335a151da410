using System.Text.Json;
using FleetOps.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FleetOps.Api;

/// <summary>
/// A handler's answer, executable by both hosts: as <see cref="IResult"/> by the self-host's minimal APIs and as
/// <see cref="IActionResult"/> by the Functions ASP.NET Core integration.
/// </summary>
public sealed class ApiResponse : IResult, IActionResult
{
    private readonly Func<Stream, CancellationToken, Task>? _writeBody;
    private Func<HttpContext, Task>? _writeResponse;

    private ApiResponse(int status, string? contentType, Func<Stream, CancellationToken, Task>? writeBody)
    {
        Status = status;
        ContentType = contentType;
        _writeBody = writeBody;
    }

    public int Status { get; }
    public string? ContentType { get; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as written by the JSON factories; for tests of handlers without a server.</summary>
    public object? Value { get; private init; }

    public static ApiResponse Json(int status, object value, string contentType = "application/json") =>
        new(status, contentType, (stream, ct) => JsonSerializer.SerializeAsync(stream, value, value.GetType(), FleetOpsJson.Options, ct)) { Value = value };

    public static ApiResponse Stream(int status, string contentType, Func<Stream, CancellationToken, Task> writeBody) =>
        new(status, contentType, writeBody);

    /// <summary>
    /// An answer a component writes whole, status and headers included (the Prometheus exporter's scrape), with the
    /// security headers every answer carries.
    /// </summary>
    public static ApiResponse WrittenBy(Func<HttpContext, Task> writeResponse) => new(200, null, null) { _writeResponse = writeResponse };

    public ApiResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        if (_writeResponse is not null)
        {
            SecurityHeaders.Apply(response);
            await _writeResponse(httpContext).ConfigureAwait(false);
            return;
        }
        response.StatusCode = Status;
        foreach (var (name, value) in Headers) response.Headers[name] = value;
        if (ContentType is not null) response.ContentType = ContentType;
        SecurityHeaders.Apply(response);
        if (_writeBody is not null) await _writeBody(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
