using FleetOps.Core.Contracts;
using FleetOps.Core.Checks;

namespace FleetOps.Core.Inventories;

/// <summary>
/// One host of an inventory, with everything inherited already applied: <see cref="Address"/> is "host" or
/// "host:port" (IPv6 in brackets), <see cref="Labels"/> are merged, <see cref="Groups"/> include ancestors,
/// and <see cref="Checks"/> are the ones that win (empty when the inventory gives none).
/// </summary>
public sealed record InventoryHost(
    string Name,
    string Address,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Groups,
    IReadOnlyList<CheckSpec> Checks)
{
    /// <summary>
    /// The host as a sweep target. No checks gives null checks, so the request's top-level checks apply.
    /// </summary>
    public TargetSpec ToTargetSpec() => new()
    {
        Name = Name,
        Address = Address,
        Labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal),
        Checks = Checks.Count == 0 ? null : [.. Checks],
    };
}
