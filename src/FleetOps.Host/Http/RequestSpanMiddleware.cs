using System.Diagnostics;

namespace FleetOps.Host.Http;

/// <summary>
/// Names ASP.NET Core's request span after the route ("POST /api/sweeps") and tags it with the HTTP semantic
/// conventions' method, route and status. The route template, never the raw path: a path can hold a secret (a
/// heartbeat token) and a trace must not.
/// </summary>
public sealed class RequestSpanMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var span = Activity.Current;
        if (span is null || !span.IsAllDataRequested)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            span.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
            span.SetTag("http.request.method", context.Request.Method);
            if (route is not null) span.SetTag("http.route", route);
            span.SetTag("http.response.status_code", context.Response.StatusCode);
            if (context.Response.StatusCode >= 500) span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
