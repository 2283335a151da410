namespace FleetOps.Core.Policy;

/// <summary>Configuration section <c>FleetOps:Policy</c>. Policy is operator config, never part of a request.</summary>
public sealed class PolicyOptions
{
    public List<string> Allow { get; set; } = [];
    public List<string> Deny { get; set; } = [];
    public List<string> DenyHosts { get; set; } = [];
}
