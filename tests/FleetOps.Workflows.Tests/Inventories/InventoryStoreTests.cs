using FleetOps.Core.Inventories;
using FleetOps.Workflows.Inventories;
using FleetOps.Workflows.Tests.Storage;

namespace FleetOps.Workflows.Tests.Inventories;

/// <summary>Stored inventories on Azurite: PUT tells created from replaced under concurrency; a parse is paid once per version.</summary>
public sealed class InventoryStoreTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static string Ini(int hosts) =>
        "[web]\n" + string.Concat(Enumerable.Range(0, hosts).Select(i => $"web{i} ansible_host=127.0.0.1 ansible_port={1000 + i}\n"));

    private static (string Text, Inventory Parsed) Version(int hosts) => (Ini(hosts), InventoryParser.Parse(Ini(hosts), InventoryFormat.AnsibleIni));

    [Fact]
    public async Task Concurrent_puts_of_a_new_name_create_it_exactly_once()
    {
        var store = new InventoryStore(storage.Clients, new ParsedInventoryCache());
        for (var round = 0; round < 5; round++)
        {
            var name = $"race-{round}-{Guid.NewGuid():N}"[..20];
            var (text, parsed) = Version(3);
            using var go = new ManualResetEventSlim();
            var puts = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                go.Wait();
                return await store.PutAsync(name, InventoryFormat.AnsibleIni, text, parsed, default);
            })).ToList();
            go.Set();
            var created = await Task.WhenAll(puts);
            Assert.Equal(1, created.Count(c => c));
        }
    }

    [Fact]
    public async Task Put_after_delete_creates_again()
    {
        var store = new InventoryStore(storage.Clients, new ParsedInventoryCache());
        var name = "again-" + Guid.NewGuid().ToString("N")[..8];
        var (text, parsed) = Version(2);
        Assert.True(await store.PutAsync(name, InventoryFormat.AnsibleIni, text, parsed, default));
        Assert.False(await store.PutAsync(name, InventoryFormat.AnsibleIni, text, parsed, default));
        Assert.True(await store.DeleteAsync(name, default));
        Assert.Null(await store.GetParsedAsync(name, default));
        Assert.True(await store.PutAsync(name, InventoryFormat.AnsibleIni, text, parsed, default));
    }

    [Fact]
    public async Task An_unchanged_inventory_is_parsed_once_and_a_replaced_one_again_in_every_process()
    {
        var name = "parsed-" + Guid.NewGuid().ToString("N")[..8];
        var writer = new InventoryStore(storage.Clients, new ParsedInventoryCache());
        var (v1, _) = Version(5);
        await writer.PutAsync(name, InventoryFormat.AnsibleIni, v1, InventoryParser.Parse(v1, InventoryFormat.AnsibleIni), default);

        // Another process: its first use parses, its later uses reuse that very parse.
        var reader = new InventoryStore(storage.Clients, new ParsedInventoryCache());
        var first = await reader.GetParsedAsync(name, default);
        var second = await reader.GetParsedAsync(name, default);
        Assert.Equal(5, first!.Inventory.Hosts.Count);
        Assert.Same(first.Inventory, second!.Inventory);
        Assert.Equal(InventoryFormat.AnsibleIni, second.Format);

        // Replaced elsewhere: the reader sees the new version at once, parses it once, then reuses it.
        var (v2, _) = Version(7);
        Assert.False(await writer.PutAsync(name, InventoryFormat.AnsibleIni, v2, InventoryParser.Parse(v2, InventoryFormat.AnsibleIni), default));
        var third = await reader.GetParsedAsync(name, default);
        Assert.Equal(7, third!.Inventory.Hosts.Count);
        Assert.Same(third.Inventory, (await reader.GetParsedAsync(name, default))!.Inventory);

        // The writer's own PUT seeded its cache: its first use after the PUT does not parse either.
        var (v3, parsed3) = Version(4);
        await writer.PutAsync(name, InventoryFormat.AnsibleIni, v3, parsed3, default);
        Assert.Same(parsed3, (await writer.GetParsedAsync(name, default))!.Inventory);
    }

    [Fact]
    public async Task Names_are_listed_a_bounded_page_at_a_time()
    {
        var store = new InventoryStore(storage.Clients, new ParsedInventoryCache());
        var (text, parsed) = Version(1);
        await store.PutAsync("list-" + Guid.NewGuid().ToString("N")[..8], InventoryFormat.AnsibleIni, text, parsed, default);
        var (names, _) = await store.ListAsync(null, default);
        Assert.InRange(names.Count, 1, InventoryStore.MaxListed);
    }
}
