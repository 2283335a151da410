using FleetOps.Api;
using Microsoft.AspNetCore.Http.Features;

namespace FleetOps.Host.Http;

/// <summary>
/// A route's path values, unescaped from the request line as the client sent it. The server's decoded path keeps
/// an escaped '/' as "%2F" but decodes "%25" to '%', so an id sent as "a%2Fb" and one sent as "a%252Fb" would look
/// alike there; from the raw target every escape is undone exactly once.
/// </summary>
public static class RawRouteValues
{
    public static IReadOnlyDictionary<string, string> Read(ApiRoute route, HttpContext context)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var template = $"{Routes.Prefix}/{route.Template}".Split('/');
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (query >= 0 ? raw[..query] : raw).Split('/');
        // "/api/runs/x" splits into "", "api", "runs", "x"; anything else (absolute-form, dot segments) falls back.
        var fromRaw = segments.Length == template.Length + 1 && segments[0].Length == 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (!template[i].StartsWith('{')) continue;
            var name = template[i][1..^1];
            values[name] = fromRaw ? Uri.UnescapeDataString(segments[i + 1]) : context.Request.RouteValues[name] as string ?? "";
        }
        return values;
    }
}
