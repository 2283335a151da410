using System.Net;

namespace FleetOps.Core.Targets;

/// <summary>A target's address, split once: what checks may need from it (a port, a name to look up).</summary>
public sealed record TargetAddress(string Text, string Host, int? Port)
{
    /// <summary>True when the host is an IP address rather than a name.</summary>
    public bool HostIsIPAddress { get; } = IPAddress.TryParse(Host, out _);
}
