using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// An Ansible inventory host entry: a name, a range pattern (<see cref="HostRange"/>) or an IPv6 literal, with an
/// optional ":port" (<c>badwolf.example.com:5309</c>, <c>web[01:03]:2222</c>, <c>[2001:db8::1]:22</c>).
/// A bare IPv6 address (<c>2001:db8::1</c>) is a name without port, since its colons cannot be one.
/// </summary>
internal static class AnsibleHostPattern
{
    public static HostRange? TryParse(string pattern, out int? port, out string? error)
    {
        port = null;
        error = null;
        var text = pattern.Trim();
        if (text.Length == 0) { error = "host name is empty"; return null; }
        if (text.Any(char.IsWhiteSpace)) { error = $"host name {Echo.Quote(pattern)} has whitespace"; return null; }
        if (HostAddress.IsBareIPv6(text)) return HostRange.Single(text);

        // "[v6]" or "[v6]:port" (a bracketed range never parses as an IPv6 address).
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close > 0 && IPAddress.TryParse(text[1..close], out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                var rest = text[(close + 1)..];
                if (rest.Length > 0 && !TryPort(rest, pattern, out port, out error)) return null;
                return HostRange.Single(text[1..close]);
            }
        }

        // The port is after the last ':' outside brackets; colons inside brackets belong to ranges.
        var depth = 0;
        var colon = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '[') depth++;
            else if (text[i] == ']' && --depth < 0) { error = $"{Echo.Quote(pattern)} has ']' without '['"; return null; }
            else if (text[i] == ':' && depth == 0)
            {
                if (colon >= 0) { error = $"{Echo.Quote(pattern)} has more than one ':' (write IPv6 names as [addr]:port)"; return null; }
                colon = i;
            }
        }
        if (colon >= 0)
        {
            if (!TryPort(text[colon..], pattern, out port, out error)) return null;
            text = text[..colon];
            if (text.Length == 0) { error = $"{Echo.Quote(pattern)} has no host name before the port"; return null; }
        }
        return HostRange.HasRange(text) ? HostRange.TryParse(text, out error) : HostRange.Single(text);
    }

    private static bool TryPort(string colonAndPort, string pattern, out int? port, out string? error)
    {
        port = null;
        error = null;
        if (colonAndPort.Length > 1 && colonAndPort[0] == ':' && HostAddress.TryParsePort(colonAndPort[1..], out var p))
        {
            port = p;
            return true;
        }
        error = $"{Echo.Quote(pattern)} has port {Echo.Quote(colonAndPort.TrimStart(':'))}: expected 1-65535";
        return false;
    }
}
