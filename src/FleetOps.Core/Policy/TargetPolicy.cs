using FleetOps.Core.Contracts;
using System.Net;
using System.Net.Sockets;

namespace FleetOps.Core.Policy;

/// <summary>
/// Where probes and actions may go. Deny wins over allow; an empty allow list allows any address not denied.
/// Enforced on resolved addresses at connect time, so a DNS name cannot smuggle a probe to a denied address.
/// </summary>
/// <remarks>
/// Addresses are normalised first (README "Target policy"): an IPv4-mapped address (<c>::ffff:a.b.c.d</c>) is its
/// IPv4 address for both lists. Other IPv6 forms that embed an IPv4 address (<see cref="EmbeddedIPv4"/>: NAT64, 6to4,
/// Teredo, IPv4-compatible, IPv4-translated) are denied when the IPv6 address or the IPv4 address inside is in a deny
/// network, but are allowed only by an allow network holding the IPv6 address itself: allowing 10.0.0.0/8 does not
/// open <c>64:ff9b::a00:1</c>, since that packet goes to a translator the operator did not name.
/// </remarks>
public sealed class TargetPolicy
{
    /// <summary>Link-local (which includes the 169.254.169.254 metadata endpoint) and other clouds' metadata addresses.</summary>
    public static readonly IReadOnlyList<string> DefaultDeniedNetworks =
        ["169.254.0.0/16", "fe80::/10", "100.100.100.200/32", "fd00:ec2::254/128"];

    /// <summary>
    /// "This host": a connect to 0.0.0.0 or :: reaches the local machine, whatever the deny list says of 127.0.0.1.
    /// Judged on the address itself only: an IPv4 address inside a NAT64 or 6to4 one goes to a translator, not here.
    /// </summary>
    public static readonly IReadOnlyList<string> ThisHostNetworks = ["0.0.0.0/8", "::/128"];

    private static readonly IPNetwork[] ThisHost = [.. ThisHostNetworks.Select(n => IPNetwork.Parse(n))];

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
        return _deniedHosts.Contains(host.TrimEnd('.')) ? $"host {Echo.Quote(host)} is denied by policy" : null;
    }

    /// <summary>Null when the address may be contacted; otherwise why not.</summary>
    public string? CheckAddress(IPAddress address)
    {
        address = EmbeddedIPv4.Normalize(address);
        foreach (var net in ThisHost)
            if (net.Contains(address)) return $"address {address} is this host ({net}): a connection to it reaches the local machine";
        if (DeniedBy(address) is { } denied) return $"address {address} is in denied network {denied}";
        var embedded = EmbeddedIPv4.Find(address);
        foreach (var (ipv4, form) in embedded)
            if (DeniedBy(ipv4) is { } net) return $"address {address} ({form} form of {ipv4}) is in denied network {net}";
        if (_allow.Length == 0) return null;
        foreach (var net in _allow)
            if (net.Contains(address)) return null;
        var inside = embedded.Count > 0 ? $"; the {embedded[0].Form} address inside ({embedded[0].IPv4}) does not count: allow the IPv6 prefix itself" : "";
        return $"address {address} is not in any allowed network ({string.Join(", ", _allow)}){inside}";
    }

    private IPNetwork? DeniedBy(IPAddress address)
    {
        foreach (var net in _deny)
            if (net.Contains(address)) return net;
        return null;
    }

    private static IPNetwork[] Parse(IEnumerable<string> cidrs, string list) =>
        cidrs.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c =>
        {
            var text = c.Trim();
            if (!text.Contains('/')) text += IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 ? "/128" : "/32";
            return IPNetwork.TryParse(text, out var net)
                ? AsIPv4IfMapped(net)
                : throw new ArgumentException($"policy {list} list: '{c}' is not a CIDR network such as 10.0.0.0/8");
        }).ToArray();

    /// <summary>"::ffff:10.0.0.0/104" is 10.0.0.0/8: addresses are compared after mapped ones become IPv4, so the network must too.</summary>
    private static IPNetwork AsIPv4IfMapped(IPNetwork net) =>
        net.BaseAddress.IsIPv4MappedToIPv6 && net.PrefixLength >= 96 ? new IPNetwork(net.BaseAddress.MapToIPv4(), net.PrefixLength - 96) : net;
}
