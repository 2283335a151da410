using FleetOps.Api;
using FleetOps.Core.Contracts;

namespace FleetOps.Host.Http;

/// <summary>
/// The outermost layer of every request: browser-safety headers on every response, and no error without a
/// problem+json body. An unexpected exception becomes a 500 problem with a correlation id (the log line has the
/// exception under the same id; the response has no stack trace), a request the server itself refused (a body over its
/// cap, a broken request) a problem with that status, and an empty error (an unknown route) a problem too.
/// </summary>
public sealed class EdgeMiddleware(RequestDelegate next, ILogger<EdgeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            SecurityHeaders.Apply(response);
            return Task.CompletedTask;
        });
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!response.HasStarted)
        {
            response.Clear();
            await (e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.TooLarge(RequestReader.MaxBodyBytes, context.Request.Path.Value)
                : Problems.Problem(e.StatusCode, "bad-request", "The request is malformed", $"body: {e.Message}", context.Request.Path.Value,
                    [new ValidationError("body", e.Message)])).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            var correlationId = context.TraceIdentifier;
            logger.LogError(e, "{Method} {Path} failed (correlation id {CorrelationId})", context.Request.Method, context.Request.Path.Value, correlationId);
            if (response.HasStarted) throw; // mid-stream: the connection is aborted, the client sees a truncated body
            response.Clear();
            await Problems.Internal(correlationId, context.Request.Path.Value).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null && response.ContentLength is null)
            await EmptyError(context).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static ApiResponse EmptyError(HttpContext context) => context.Response.StatusCode switch
    {
        404 => Problems.Problem(404, "not-found", "No such route", $"path: no route serves {Echo.Quote(context.Request.Path.Value)}; see the route table in the README",
            context.Request.Path.Value),
        405 => Problems.Problem(405, "method-not-allowed", "The route does not take this method",
            $"method: {Echo.Cut(context.Request.Method)} is not served at {Echo.Quote(context.Request.Path.Value)}", context.Request.Path.Value),
        var status => Problems.Problem(status, "error", "The request failed", $"status {status}", context.Request.Path.Value),
    };
}
