using System.Globalization;

namespace FleetOps.Core.Inventories;

/// <summary>
/// One parse's spending against <see cref="InventoryLimits"/>: callers charge the work before doing it, and the
/// charge that goes over throws at the place being read.
/// </summary>
internal sealed class InventoryBudget
{
    private long _hostEntries, _inherited;

    public long HostEntries => _hostEntries;
    public long Inherited => _inherited;

    /// <summary>Before a host pattern (or a list of hosts) is expanded: <paramref name="count"/> host entries.</summary>
    public void ChargeHostEntries(long count, SourceRef at, string what)
    {
        if (count > InventoryLimits.MaxHosts)
            throw at.Error($"{what} expands to {N(count)} hosts; an inventory holds at most {N(InventoryLimits.MaxHosts)}");
        _hostEntries += count;
        if (_hostEntries > InventoryLimits.MaxHostEntries)
            throw at.Error($"{what} brings the host entries to more than {N(InventoryLimits.MaxHostEntries)} " +
                           "(after ranges are expanded; a host counts once for every group it is listed in)");
    }

    /// <summary>Before groups, labels or checks are given to hosts (or a group combination is resolved).</summary>
    public void ChargeInherited(long count, SourceRef at, string what)
    {
        _inherited += count;
        if (_inherited > InventoryLimits.MaxInheritedValues)
            throw at.Error($"{what}: hosts inherit more than {N(InventoryLimits.MaxInheritedValues)} groups, labels and checks " +
                           "in all (each host counts every group, label and check it gets; flatten the groups or give fewer hosts)");
    }

    public static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
