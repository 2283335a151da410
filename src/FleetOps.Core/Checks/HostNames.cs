using System.Net;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Checks;

/// <summary>
/// DNS host names wherever one enters FleetOps (target addresses, a dns check's Name, ServerName, URL and Host header
/// hosts): at most <see cref="MaxLength"/> characters, labels of 1-<see cref="MaxLabelLength"/>. Names a check gives
/// must also be ASCII letters, digits and '-' (xn-- for IDNs).
/// </summary>
public static class HostNames
{
    public const int MaxLength = 253, MaxLabelLength = 63;

    /// <summary>The length rules alone: for a target's host, which may be anything a resolver takes (or an IP address).</summary>
    public static string? CheckLength(string name)
    {
        var trimmed = name.EndsWith('.') ? name.AsSpan(0, name.Length - 1) : name.AsSpan();
        if (trimmed.Length == 0) return "is empty";
        if (trimmed.Length > MaxLength) return $"is {trimmed.Length} characters, more than the {MaxLength} a DNS name may have";
        foreach (var range in trimmed.Split('.'))
        {
            var length = range.End.GetOffset(trimmed.Length) - range.Start.GetOffset(trimmed.Length);
            if (length is 0 or > MaxLabelLength)
                return $"has a label of {length} characters: each must have 1-{MaxLabelLength}";
        }
        return null;
    }

    /// <param name="allowUnderscore">DNS names may hold '_' (_dmarc.example.com); host names in certificates may not.</param>
    public static string? Check(string name, bool allowUnderscore)
    {
        if (CheckLength(name) is { } problem) return problem;
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        foreach (var label in trimmed.Split('.'))
        {
            if (label[0] == '-' || label[^1] == '-') return $"{Echo.Quote(name)} has label {Echo.Quote(label)} starting or ending with '-'";
            foreach (var c in label)
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || (allowUnderscore && c == '_')))
                    return $"{Echo.Quote(name)} has '{c}': host names are letters, digits and '-' (write internationalized names as xn--)";
        }
        return null;
    }

    /// <summary>The name a certificate is checked against (http and tls checks): a host name, never an IP address.</summary>
    public static string? CheckServerName(string serverName) =>
        IPAddress.TryParse(serverName, out _)
            ? $"{Echo.Quote(serverName)} is an IP address: serverName is the host name the certificate is for"
            : Check(serverName, allowUnderscore: false);
}
