namespace FleetOps.Core.Targets;

/// <summary>A node of the fleet: a unique name, an address ("host" or "host:port") and free-form labels.</summary>
public sealed record Target(string Name, string Address, IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Splits <see cref="Address"/> into host and optional port ("[::1]:80", "10.0.0.1:22", "web-1").</summary>
    public (string Host, int? Port) HostAndPort() => AddressParser.Split(Address);
}
