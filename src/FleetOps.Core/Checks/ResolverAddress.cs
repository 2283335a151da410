using System.Globalization;
using System.Net;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Checks;

/// <summary>A dns check's Resolver: "10.0.0.2", "10.0.0.2:5353", "fd00::2" or "[fd00::2]:5353". An address, never a name.</summary>
public static class ResolverAddress
{
    public const int DefaultPort = 53;

    public static bool TryParse(string text, out IPEndPoint? endpoint, out string? error)
    {
        (endpoint, error) = (null, null);
        if (text.Length > HostNames.MaxLength) { error = $"is {text.Length} characters: a resolver is an IP address and port (10.0.0.2:53, [fd00::2]:53)"; return false; }
        string host, portText = "";
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0) { error = $"{Echo.Quote(text)} has '[' without ']'"; return false; }
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':') { error = $"{Echo.Quote(text)} has text after ']' that is not ':port'"; return false; }
            if (rest.Length > 0) portText = rest[1..];
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':');
            (host, portText) = (text[..colon], text[(colon + 1)..]);
        }
        else
        {
            host = text; // an IPv4 address, or an IPv6 address without a port
        }

        // Parse, not TryParse's leniency for "1" or "010.1": a resolver is written in full.
        if (!IPAddress.TryParse(host, out var address) || address.ToString() != Canonical(host, address))
        {
            error = $"{Echo.Quote(text)} is not an IP address, or an IP address and port (10.0.0.2:53, [fd00::2]:53)";
            return false;
        }
        var port = DefaultPort;
        if (portText.Length > 0 || text.EndsWith(':'))
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                error = $"{Echo.Quote(text)} has port {Echo.Quote(portText)}: expected 1-65535";
                return false;
            }
        }
        endpoint = new IPEndPoint(address, port);
        return true;
    }

    public static IPEndPoint Parse(string text) =>
        TryParse(text, out var endpoint, out var error) ? endpoint! : throw new FormatException($"resolver: {error}");

    /// <summary>IPv6 text has many spellings; only IPv4 needs the strict round trip ("10.1" must not become 10.0.0.1).</summary>
    private static string Canonical(string host, IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? address.ToString() : host;
}
