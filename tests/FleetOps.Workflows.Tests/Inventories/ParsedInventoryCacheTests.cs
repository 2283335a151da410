using FleetOps.Core.Checks;
using FleetOps.Core.Targets;
using FleetOps.Core.Inventories;
using FleetOps.Workflows.Inventories;

namespace FleetOps.Workflows.Tests.Inventories;

/// <summary>The parse cache stays within its bounds: entries and hosts, least recently used out first.</summary>
public sealed class ParsedInventoryCacheTests
{
    private static ParsedInventory Parsed(string name, int hosts, string etag = "e1") => new(name, InventoryFormat.Native, DateTimeOffset.UnixEpoch, etag,
        new Inventory(Enumerable.Range(0, hosts).Select(i => new InventoryHost($"h{i}", "127.0.0.1:1", new Dictionary<string, string>(), [], Array.Empty<CheckSpec>())).ToList()));

    [Fact]
    public void At_most_max_entries_the_least_recently_used_leaving_first()
    {
        var cache = new ParsedInventoryCache();
        for (var i = 0; i < ParsedInventoryCache.MaxEntries; i++) cache.Put(Parsed($"i{i}", 1));
        Assert.NotNull(cache.TryGet("i0")); // used: now the most recent
        cache.Put(Parsed("new", 1));
        Assert.Equal(ParsedInventoryCache.MaxEntries, cache.Count);
        Assert.NotNull(cache.TryGet("i0"));
        Assert.Null(cache.TryGet("i1"));
    }

    [Fact]
    public void At_most_max_hosts_in_all_and_one_too_large_is_not_kept()
    {
        var cache = new ParsedInventoryCache();
        var half = ParsedInventoryCache.MaxHosts / 2;
        cache.Put(Parsed("a", half));
        cache.Put(Parsed("b", half));
        cache.Put(Parsed("c", 1));
        Assert.Null(cache.TryGet("a"));
        Assert.NotNull(cache.TryGet("b"));
        cache.Put(Parsed("huge", ParsedInventoryCache.MaxHosts + 1));
        Assert.Null(cache.TryGet("huge"));
        Assert.NotNull(cache.TryGet("b"));
    }

    [Fact]
    public void A_new_version_replaces_the_old_one()
    {
        var cache = new ParsedInventoryCache();
        cache.Put(Parsed("a", 3, "e1"));
        cache.Put(Parsed("a", 4, "e2"));
        Assert.Equal(1, cache.Count);
        Assert.Equal("e2", cache.TryGet("a")!.ETag);
        cache.Remove("a");
        Assert.Equal(0, cache.Count);
    }
}
