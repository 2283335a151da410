namespace FleetOps.Core.Checks;

/// <summary>URLs a request names (an http check's url, a rollout's action): absolute http or https, with a host DNS can take.</summary>
internal static class HttpUrls
{
    /// <summary>Null when <paramref name="url"/> can be requested; otherwise why not, to follow the URL ("is not ...").</summary>
    public static string? Check(string url)
    {
        if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return "is not an absolute http or https URL";
        return HostProblem(uri) is { } problem ? $"has a host that {problem}" : null;
    }

    private static string? HostProblem(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6) return null;
        try
        {
            return HostNames.CheckLength(uri.IdnHost);
        }
        catch (ArgumentException) // IdnHost: a name punycode cannot encode
        {
            return "is not a name DNS can look up";
        }
    }
}
