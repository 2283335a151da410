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

    /// <summary>Delivery attempts per alert and notifier before it goes to the poison queue with its reason.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; it doubles with each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): RetryDelay × 2^(attempt-1), at most MaxRetryDelay.</summary>
    public TimeSpan RetryDelayAfter(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)), MaxRetryDelay.Ticks));
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

    /// <summary>
    /// What can be told from a URL without resolving it (a notifier's PUT): null when it may be sent to, else why not.
    /// An address literal, in whatever spelling the URL parser reads, is judged as the address; a name is judged by
    /// name here and by its resolved addresses when a delivery connects.
    /// </summary>
    public string? CheckDestination(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.DnsSafeHost;
        var policy = PolicyFor(host, out var denial);
        if (policy is null) return denial;
        return IPAddress.TryParse(host, out var address) ? policy.CheckAddress(address) : null;
    }

    /// <summary>
    /// A definition's destination as far as it is known when stored: an inline URL (or PagerDuty's default) is checked
    /// with <see cref="CheckDestination"/>; a URL read from a setting is checked when a delivery reads it. The reason
    /// names the host, never the URL (a Slack or Teams URL is a credential).
    /// </summary>
    public string? CheckDefinition(NotifierDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = definition.Url is { IsInline: true } url ? url.InlineValue
            : definition.Url is null && definition.Kind == "pagerduty" ? Kinds.PagerDutyNotifier.DefaultUrl
            : null;
        return text is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? CheckDestination(uri) : null;
    }
}
