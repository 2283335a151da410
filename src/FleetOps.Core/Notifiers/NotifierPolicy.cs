using FleetOps.Core.Contracts;
using System.Net;
using FleetOps.Core.Checks;
using FleetOps.Core.Policy;

namespace FleetOps.Core.Notifiers;

/// <summary>Configuration section <c>FleetOps:Notifiers</c>: where notifiers may send, apart from where probes may go.</summary>
public sealed class NotifierOptions
{
    /// <summary>Host names (<c>hooks.slack.com</c>, <c>*.pagerduty.com</c>) and networks (<c>10.0.0.0/8</c>). Empty: anywhere not denied.</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Networks never reached, on top of link-local and cloud metadata addresses.</summary>
    public List<string> Deny { get; set; } = [];

    /// <summary>Per request, connect included.</summary>
    public int TimeoutMs { get; set; } = 10_000;
}

/// <summary>
/// Where a notifier may deliver: the target policy's machinery with the notifiers' own list. Link-local and metadata
/// addresses (and <see cref="NotifierOptions.Deny"/>) are always refused, on resolved addresses, so a name cannot
/// smuggle a delivery there. With an allow list, a destination must match a host name in it (exactly, or under a
/// <c>*.</c> suffix) or resolve into one of its networks.
/// </summary>
public sealed class NotifierPolicy
{
    private readonly TargetPolicy _denyOnly;
    private readonly TargetPolicy? _networks;
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly bool _open;

    public NotifierPolicy(NotifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var networks = new List<string>();
        foreach (var entry in options.Allow.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            if (entry.Contains('/') || IPAddress.TryParse(entry, out _)) networks.Add(entry);
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && HostNames.Check(entry[2..], allowUnderscore: false) is null) _suffixes.Add(entry[1..]);
            else if (HostNames.Check(entry, allowUnderscore: false) is null) _hosts.Add(entry.TrimEnd('.'));
            else throw new ArgumentException($"FleetOps:Notifiers:Allow: {Echo.Quote(entry)} is not a host name (hooks.slack.com, *.pagerduty.com) or a network (10.0.0.0/8)");
        }
        _open = networks.Count == 0 && _hosts.Count == 0 && _suffixes.Count == 0;
        _denyOnly = new TargetPolicy(deny: options.Deny);
        _networks = networks.Count > 0 ? new TargetPolicy(allow: networks, deny: options.Deny) : null;
    }

    /// <summary>
    /// The target policy that decides <paramref name="host"/>'s resolved addresses, or null with the reason when the
    /// host may not be reached at all.
    /// </summary>
    public TargetPolicy? PolicyFor(string host, out string? denial)
    {
        denial = _denyOnly.CheckHost(host);
        if (denial is not null) return null;
        var name = host.TrimEnd('.');
        if (_open || _hosts.Contains(name) || _suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))) return _denyOnly;
        if (_networks is not null) return _networks;
        denial = $"notifier destination {Echo.Quote(host)} is not in FleetOps:Notifiers:Allow";
        return null;
    }
}
