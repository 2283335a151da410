using System.Globalization;

namespace FleetOps.Core.Targets;

/// <summary>Parses "host", "host:port", "[v6]" and "[v6]:port".</summary>
public static class AddressParser
{
    public static (string Host, int? Port) Split(string address)
    {
        if (!TrySplit(address, out var host, out var port, out var error))
            throw new FormatException(error);
        return (host, port);
    }

    public static bool TrySplit(string? address, out string host, out int? port, out string? error)
    {
        host = "";
        port = null;
        error = null;
        if (string.IsNullOrWhiteSpace(address)) { error = "address is empty"; return false; }
        address = address.Trim();
        string portText;
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']');
            if (close < 0) { error = $"'{address}' has '[' without ']'"; return false; }
            host = address[1..close];
            // "[]" must not mean "": an empty host name resolves to this machine's own addresses.
            if (string.IsNullOrWhiteSpace(host)) { error = $"'{address}' has no host"; return false; }
            var rest = address[(close + 1)..];
            if (rest.Length == 0) return true;
            if (rest[0] != ':') { error = $"'{address}' has text after ']' that is not ':port'"; return false; }
            portText = rest[1..];
        }
        else
        {
            var colon = address.IndexOf(':');
            if (colon < 0) { host = address; return true; }
            if (address.IndexOf(':', colon + 1) >= 0) { error = $"'{address}': write IPv6 addresses as [addr]:port"; return false; }
            host = address[..colon];
            portText = address[(colon + 1)..];
        }
        if (host.Length == 0) { error = $"'{address}' has no host"; return false; }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
        {
            error = $"'{address}' has port '{portText}': expected 1-65535";
            return false;
        }
        port = p;
        return true;
    }
}
