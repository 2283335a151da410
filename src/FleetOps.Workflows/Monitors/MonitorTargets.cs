using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Inventories;

namespace FleetOps.Workflows.Monitors;

/// <summary>A monitor's targets as resolved now, and the ETag of the stored inventory they came from (if any).</summary>
public sealed record ResolvedTargets(List<TargetSpec> Targets, string? InventoryETag);

/// <summary>
/// Resolves a definition's targets from the same sources as a sweep's (inline, stored inventory + selector, inline
/// inventory); a heartbeat monitor has one target, named as the monitor. Problems are field-named
/// <see cref="RequestValidationException"/>s.
/// </summary>
public sealed class MonitorTargets(TargetSource source, InventoryStore inventories)
{
    /// <summary>The address a heartbeat's one target shows (it is never probed).</summary>
    public const string HeartbeatAddress = "heartbeat";

    public async Task<ResolvedTargets> ResolveAsync(string monitor, MonitorDefinition definition, CancellationToken ct)
    {
        if (definition.Heartbeat is not null) return new([new TargetSpec { Name = monitor, Address = HeartbeatAddress }], null);
        var etag = await InventoryETagAsync(definition, ct).ConfigureAwait(false);
        var targets = await source.ResolveAsync(definition.Targets, definition.Inventory, definition.InventoryInline, definition.Selector, ct).ConfigureAwait(false);
        // A target listed twice is planned once: the first listing counts.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return new(targets.Where(t => t.Name is not null && seen.Add(t.Name)).ToList(), etag);
    }

    /// <summary>The stored inventory's ETag (one conditional read, 304 while unchanged); null for other sources.</summary>
    public async Task<string?> InventoryETagAsync(MonitorDefinition definition, CancellationToken ct) =>
        definition.Inventory is { } name && InventoryNames.Check(name) is null
            ? (await inventories.GetParsedAsync(name, ct).ConfigureAwait(false))?.ETag
            : null;
}
