using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Host.Http;

/// <summary>
/// Requires the API key on every /api and /metrics request, and on the dashboard at /, when one is configured. The header is
/// <c>x-functions-key</c>, as on Azure Functions, so clients work against either host; <c>Authorization: Bearer</c> and the
/// query parameter <c>code</c> (Functions' too: what a browser can send when it opens the dashboard) are accepted. The one
/// exception is a route the table marks <see cref="Api.ApiRoute.Anonymous"/> (the heartbeat routes, whose token is
/// the credential), decided on the endpoint routing matched, never on the path's text.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, string apiKey)
{
    public const string HeaderName = "x-functions-key";
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(apiKey);

    public async Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(MetricsEndpoint.Path)
                || context.Request.Path == RunEndpoints.DashboardRoot)
            && !IsAnonymousRoute(context) && !Authorized(context.Request))
        {
            await Api.Problems.Problem(401, "unauthorized", "An API key is required",
                $"{HeaderName}: missing or wrong API key", context.Request.Path).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private static bool IsAnonymousRoute(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name && Api.Routes.Named(name) is { Anonymous: true };

    private bool Authorized(HttpRequest request)
    {
        string? presented = request.Headers[HeaderName];
        if (presented is null && request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = auth["Bearer ".Length..].Trim();
        if (presented is null && request.Query.TryGetValue(Api.QueryReader.KeyParameter, out var code) && code.Count == 1) presented = code[0];
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
    }
}
