using System.Net;

namespace FleetOps.Core.Policy;

/// <summary>
/// Where probes and actions may go. Deny wins over allow; an empty allow list allows any address not denied.
/// Enforced on resolved addresses at connect time, so a DNS name cannot smuggle a probe to a denied address.
/// </summary>
public sealed class TargetPolicy
{
    /// <summary>Link-local (which includes the 169.254.169.254 metadata endpoint) and other clouds' metadata addresses.</summary>
    public static readonly IReadOnlyList<string> DefaultDeniedNetworks =
        ["169.254.0.0/16", "fe80::/10", "100.100.100.200/32", "fd00:ec2::254/128"];

    public static readonly IReadOnlyList<string> DefaultDeniedHosts =
        ["metadata", "metadata.google.internal", "metadata.azure.internal", "instance-data", "instance-data.ec2.internal"];

    private readonly IPNetwork[] _allow;
    private readonly IPNetwork[] _deny;
    private readonly HashSet<string> _deniedHosts;

    public TargetPolicy(IEnumerable<string>? allow = null, IEnumerable<string>? deny = null, IEnumerable<string>? denyHosts = null)
    {
        _allow = Parse(allow ?? [], "allow");
        _deny = Parse(DefaultDeniedNetworks.Concat(deny ?? []), "deny");
        _deniedHosts = new HashSet<string>(DefaultDeniedHosts.Concat(denyHosts ?? []), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A policy that denies only the defaults: for tools and tests that build their own.</summary>
    public static TargetPolicy Default { get; } = new();

    public static TargetPolicy From(PolicyOptions options) => new(options.Allow, options.Deny, options.DenyHosts);

    /// <summary>Null when the host name may be resolved and contacted; otherwise why not.</summary>
    public string? CheckHost(string host)
    {
        if (IPAddress.TryParse(host, out var ip)) return CheckAddress(ip);
        return _deniedHosts.Contains(host.TrimEnd('.')) ? $"host '{host}' is denied by policy" : null;
    }

    /// <summary>Null when the address may be contacted; otherwise why not.</summary>
    public string? CheckAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var net in _deny)
            if (net.Contains(address)) return $"address {address} is in denied network {net}";
        if (_allow.Length == 0) return null;
        foreach (var net in _allow)
            if (net.Contains(address)) return null;
        return $"address {address} is not in any allowed network ({string.Join(", ", _allow)})";
    }

    private static IPNetwork[] Parse(IEnumerable<string> cidrs, string list) =>
        cidrs.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c =>
        {
            var text = c.Trim();
            if (!text.Contains('/')) text += IPAddress.TryParse(text, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "/128" : "/32";
            return IPNetwork.TryParse(text, out var net)
                ? net
                : throw new ArgumentException($"policy {list} list: '{c}' is not a CIDR network such as 10.0.0.0/8");
        }).ToArray();
}
