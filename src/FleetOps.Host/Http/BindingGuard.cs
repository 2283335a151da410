using System.Net;

namespace FleetOps.Host.Http;

/// <summary>
/// The rule: without an API key the host serves loopback only. It is applied to the addresses the server actually
/// bound (whatever configured them: urls, ASPNETCORE_URLS, --urls, Kestrel endpoints in settings or environment, or
/// code), not to one setting.
/// </summary>
public static class BindingGuard
{
    /// <summary>Null when the addresses are safe to serve without a key, else the one line that says why not.</summary>
    public static string? Refusal(IEnumerable<string> boundAddresses, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey)) return null;
        var exposed = boundAddresses.Where(a => !IsLoopback(a)).ToList();
        return exposed.Count == 0 ? null
            : $"refusing to serve {string.Join(", ", exposed)} without an API key: set FleetOps:ApiKey (env FleetOps__ApiKey), or listen on 127.0.0.1 only.";
    }

    /// <summary>
    /// Loopback: an address in 127.0.0.0/8 or ::1, or the name <c>localhost</c> (the server binds it to 127.0.0.1 and
    /// ::1 only). Anything else, any other name or a wildcard (0.0.0.0, [::], *, +), is beyond loopback.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        var text = address.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return false;
        if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
    }
}

/// <summary>Thrown by <see cref="FleetOpsHost.StartAsync"/> when the host bound beyond loopback without a key.</summary>
public sealed class ExposureRefusedException(string message) : InvalidOperationException(message);
