using FleetOps.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace FleetOps.Functions;

/// <summary>
/// What the self-host's pipeline does around every route, for the HTTP functions (each is a row of the route table,
/// by name): the query string checked as every route checks it, and an unexpected exception turned into a 500
/// problem with a correlation id instead of an empty body.
/// </summary>
internal sealed class HttpEdgeMiddleware(ILogger<HttpEdgeMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        var route = Routes.Named(context.FunctionDefinition.Name);
        if (http is null || route is null)
        {
            await next(context);
            return;
        }
        if (QueryReader.For(http.Request, route).Problem(http.Request.Path.Value) is { } problem)
        {
            await problem.ExecuteAsync(http);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            logger.LogError(e, "{Function} failed (correlation id {CorrelationId})", route.Name, context.InvocationId);
            await Problems.Internal(context.InvocationId, http.Request.Path.Value).ExecuteAsync(http);
        }
    }
}
