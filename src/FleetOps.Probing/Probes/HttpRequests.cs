using System.Net;
using System.Text;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>Builds an http check's URL and each request it sends (the first and every redirect hop).</summary>
public static class HttpRequests
{
    /// <summary>Sent on a cross-origin redirect would hand credentials to a host the check never named.</summary>
    private static readonly HashSet<string> Credentials = new(["Authorization", "Proxy-Authorization", "Cookie"], StringComparer.OrdinalIgnoreCase);

    public static Uri BuildUri(Target target, HttpCheck check)
    {
        if (check.Url is { } url) return new Uri(url);
        var (host, port) = target.HostAndPort();
        var scheme = check.Scheme ?? "http";
        // "/ready?deep=1": the query is not part of the path (UriBuilder would escape '?' to %3F).
        var path = check.Path ?? "/";
        var query = path.IndexOf('?');
        var builder = new UriBuilder(scheme, host, check.Port ?? port ?? -1, query < 0 ? path : path[..query])
        {
            Query = query < 0 ? "" : path[(query + 1)..],
        };
        return builder.Uri;
    }

    public static HttpMethod MethodOf(HttpCheck check) => check.Method is { } m ? new HttpMethod(m) : HttpMethod.Get;

    /// <param name="sameOrigin">False on a redirect to another scheme, host or port: credentials and Host/ServerName stay behind.</param>
    public static HttpRequestMessage Create(HttpCheck check, Uri uri, HttpMethod method, string? body, bool sameOrigin)
    {
        var request = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "text/plain");
        var agent = false;
        foreach (var (name, value) in check.Headers ?? [])
        {
            if (!sameOrigin && Credentials.Contains(name)) continue;
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                if (sameOrigin) request.Headers.Host = value;
                continue;
            }
            agent |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
            // Content-Type and its kin are content headers: they go on the body, and only when there is one.
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (!agent) request.Headers.UserAgent.ParseAdd("FleetOps-Probe/1.0");
        // ServerName names the virtual host being checked on this node: SNI and Host both carry it (.NET sends the Host
        // header's name as SNI), unless the check sets Host itself.
        if (sameOrigin && uri.Scheme == Uri.UriSchemeHttps && check.ServerName is { } serverName && request.Headers.Host is null)
            request.Headers.Host = uri.IsDefaultPort ? serverName : $"{serverName}:{uri.Port}";
        return request;
    }

    /// <summary>The name the certificate must match: ServerName on the check's own origin, else the Host header's or the URL's host.</summary>
    public static string ExpectedHost(HttpCheck check, HttpRequestMessage request, bool sameOrigin)
    {
        if (sameOrigin && check.ServerName is { } serverName) return serverName;
        if (request.Headers.Host is { } host)
        {
            // "name:port", "[v6]:port", "[v6]"
            var end = host.StartsWith('[') ? host.IndexOf(']') : host.LastIndexOf(':');
            return host.StartsWith('[') ? host[1..Math.Max(1, end)] : end < 0 ? host : host[..end];
        }
        var uri = request.RequestUri!;
        return uri.HostNameType is UriHostNameType.IPv6 or UriHostNameType.IPv4 ? uri.DnsSafeHost : uri.IdnHost;
    }

    public static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    public static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>As browsers and curl: 303 (and 301/302 after a POST) continue as GET without a body; 307/308 resend as is.</summary>
    public static (HttpMethod Method, string? Body) AfterRedirect(int status, HttpMethod method, string? body) =>
        status == 303 && method != HttpMethod.Head || status is 301 or 302 && method == HttpMethod.Post
            ? (HttpMethod.Get, null)
            : (method, body);
}
