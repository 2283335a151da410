using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Inventories;

/// <summary>Splits and builds target addresses in <see cref="AddressParser"/>'s form, putting IPv6 in brackets.</summary>
internal static class HostAddress
{
    /// <summary>Like <see cref="AddressParser.TrySplit"/>, but a bare IPv6 address ("fe80::1") is a host without port.</summary>
    public static bool TrySplit(string? text, out string host, out int? port, out string? error)
    {
        var trimmed = text?.Trim();
        if (trimmed is not null && IsBareIPv6(trimmed))
        {
            host = trimmed;
            port = null;
            error = null;
            return true;
        }
        return AddressParser.TrySplit(trimmed, out host, out port, out error);
    }

    /// <summary>"host", "host:port", "[v6]" or "[v6]:port".</summary>
    public static string Format(string host, int? port)
    {
        var h = host.Contains(':') ? $"[{host}]" : host;
        return port is { } p ? $"{h}:{p}" : h;
    }

    /// <summary>An IPv6 address written without brackets (two or more colons, so it cannot be host:port).</summary>
    public static bool IsBareIPv6(string text) =>
        !text.StartsWith('[') && text.IndexOf(':') != text.LastIndexOf(':')
        && IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Parses a port given on its own (a var, a field): digits only, 1-65535.</summary>
    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
        && port is >= 1 and <= 65535;
}
