using System.Net;

namespace FleetOps.Host.Http;

/// <summary>Refuses to start a host that listens beyond loopback without an API key.</summary>
public static class BindingGuard
{
    public static void EnsureSafe(IEnumerable<string> urls, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey)) return;
        var exposed = urls.Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count > 0)
            throw new InvalidOperationException(
                $"Refusing to listen on {string.Join(", ", exposed)} without an API key: set FleetOps:ApiKey (env FleetOps__ApiKey), or bind to 127.0.0.1.");
    }

    public static bool IsLoopback(string url)
    {
        var host = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri)) return false;
        return uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
