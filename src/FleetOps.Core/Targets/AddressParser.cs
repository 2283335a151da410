using System.Globalization;
using System.Net;
using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Targets;

/// <summary>
/// Parses "host", "host:port", "[v6]" and "[v6]:port". Every target address goes through here (requests and every
/// inventory format), so the host rules hold everywhere: at most 253 characters, labels of 1-63.
/// </summary>
public static class AddressParser
{
    public static (string Host, int? Port) Split(string address)
    {
        if (!TrySplit(address, out var host, out var port, out var error))
            throw new FormatException(error);
        return (host, port);
    }

    public static bool TryParse(string? address, out TargetAddress? parsed, out string? error)
    {
        parsed = TrySplit(address, out var host, out var port, out error) ? new TargetAddress(address!, host, port) : null;
        return parsed is not null;
    }

    public static bool TrySplit(string? address, out string host, out int? port, out string? error)
    {
        host = "";
        port = null;
        error = null;
        if (string.IsNullOrWhiteSpace(address)) { error = "address is empty"; return false; }
        address = address.Trim();
        string? portText = null;
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']');
            if (close < 0) { error = $"{Echo.Quote(address)} has '[' without ']'"; return false; }
            host = address[1..close];
            // "[]" must not mean "": an empty host name resolves to this machine's own addresses.
            if (string.IsNullOrWhiteSpace(host)) { error = $"{Echo.Quote(address)} has no host"; return false; }
            var rest = address[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':') { error = $"{Echo.Quote(address)} has text after ']' that is not ':port'"; return false; }
            if (rest.Length > 0) portText = rest[1..];
        }
        else
        {
            var colon = address.IndexOf(':');
            if (colon >= 0 && address.IndexOf(':', colon + 1) >= 0) { error = $"{Echo.Quote(address)}: write IPv6 addresses as [addr]:port"; return false; }
            host = colon < 0 ? address : address[..colon];
            if (colon >= 0) portText = address[(colon + 1)..];
        }
        if (host.Length == 0) { error = $"{Echo.Quote(address)} has no host"; return false; }
        if (HostProblem(host) is { } hostProblem) { error = $"{Echo.Quote(address)}: the host {hostProblem}"; return false; }
        if (portText is null) return true;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
        {
            error = $"{Echo.Quote(address)} has port {Echo.Quote(portText)}: expected 1-65535";
            return false;
        }
        port = p;
        return true;
    }

    /// <summary>An IP address is bounded by its own syntax; a name by DNS's.</summary>
    private static string? HostProblem(string host) =>
        host.Length > HostNames.MaxLength ? $"is {host.Length} characters, more than the {HostNames.MaxLength} a DNS name may have"
        : IPAddress.TryParse(host, out _) ? null
        : HostNames.CheckLength(host);
}
