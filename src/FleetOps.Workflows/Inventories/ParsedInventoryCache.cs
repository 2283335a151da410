using FleetOps.Core.Inventories;

namespace FleetOps.Workflows.Inventories;

/// <summary>A stored inventory as parsed, with the blob's ETag it was parsed from.</summary>
public sealed record ParsedInventory(string Name, InventoryFormat Format, DateTimeOffset UpdatedAt, string ETag, Inventory Inventory);

/// <summary>
/// Parsed inventories by name, each valid for one ETag of its blob: a sweep, rollout or describe of an unchanged
/// inventory reuses the parse instead of paying it again (the store asks storage "changed since this ETag?", so a
/// replaced inventory is never served stale, whichever process replaced it). Bounded: at most
/// <see cref="MaxEntries"/> inventories and <see cref="MaxHosts"/> hosts in all, the least recently used leaving first.
/// </summary>
public sealed class ParsedInventoryCache
{
    public const int MaxEntries = 32;
    public const int MaxHosts = 500_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<ParsedInventory> _recent = new();
    private readonly Dictionary<string, LinkedListNode<ParsedInventory>> _byName = new(StringComparer.Ordinal);
    private long _hosts;

    public int Count
    {
        get { lock (_gate) return _byName.Count; }
    }

    public ParsedInventory? TryGet(string name)
    {
        lock (_gate)
        {
            if (!_byName.TryGetValue(name, out var node)) return null;
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value;
        }
    }

    /// <summary>Keeps the parse (replacing an older one of the name), unless it alone is larger than the whole cache.</summary>
    public void Put(ParsedInventory parsed)
    {
        lock (_gate)
        {
            RemoveLocked(parsed.Name);
            if (parsed.Inventory.Hosts.Count > MaxHosts) return;
            _byName[parsed.Name] = _recent.AddFirst(parsed);
            _hosts += parsed.Inventory.Hosts.Count;
            while (_byName.Count > MaxEntries || _hosts > MaxHosts) RemoveLocked(_recent.Last!.Value.Name);
        }
    }

    public void Remove(string name)
    {
        lock (_gate) RemoveLocked(name);
    }

    private void RemoveLocked(string name)
    {
        if (!_byName.Remove(name, out var node)) return;
        _recent.Remove(node);
        _hosts -= node.Value.Inventory.Hosts.Count;
    }
}
