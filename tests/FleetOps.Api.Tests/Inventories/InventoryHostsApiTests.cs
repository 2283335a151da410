using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Api.Tests.Support;
using FleetOps.Core.Inventories;
using FleetOps.Testing;
using FleetOps.Workflows.Inventories;

namespace FleetOps.Api.Tests.Inventories;

/// <summary>
/// GET /api/inventories/{name}/hosts on Azurite: paging in file order, the selector's filter, the scan bound (a page
/// looks at <see cref="InventoriesApi.MaxScanned"/> hosts at most), and bad queries as 400s naming the field.
/// </summary>
public sealed class InventoryHostsApiTests : IClassFixture<InventoryHostsApiTests.Storage>
{
    private readonly InventoryStore _store;
    private readonly InventoriesApi _api;

    /// <summary>Each test stores inventories under names of its own, so one Azurite serves the class.</summary>
    public InventoryHostsApiTests(Storage storage)
    {
        _store = new InventoryStore(new CountingStorage().Clients(storage.Azurite.ConnectionString), new ParsedInventoryCache());
        _api = new InventoriesApi(_store);
    }

    public sealed class Storage : IAsyncLifetime
    {
        public Azurite Azurite { get; private set; } = null!;

        public async Task InitializeAsync() => Azurite = await FleetOps.Testing.Azurite.StartAsync();

        public async Task DisposeAsync() => await Azurite.DisposeAsync();
    }

    /// <summary>web: h00000..h{web-1}, then db; even hosts in zone a, odd in zone b.</summary>
    private static string Ini(int web, int db)
    {
        var sb = new StringBuilder("[web]\n");
        for (var i = 0; i < web + db; i++)
        {
            if (i == web) sb.Append("[db]\n");
            sb.Append($"h{i:D5} ansible_host=127.0.0.1 zone={(i % 2 == 0 ? "a" : "b")}\n");
        }
        return sb.ToString();
    }

    private async Task<string> PutAsync(string text, string? name = null)
    {
        name ??= "hosts-" + Guid.NewGuid().ToString("N")[..8];
        var format = InventoryFormats.Parse("ansible-ini");
        await _store.PutAsync(name, format, text, InventoryParser.Parse(text, format), default);
        return name;
    }

    private async Task<(int Status, JsonNode Body)> GetAsync(string name, string query)
    {
        var (status, body) = await Http.ReadAsync(await _api.HostsAsync(name, Http.Request("GET", $"/api/inventories/{name}/hosts", query: query), default));
        return (status, body!);
    }

    private async Task<List<JsonNode>> AllAsync(string name, string query, Action<JsonNode>? eachPage = null)
    {
        var hosts = new List<JsonNode>();
        string? token = null;
        do
        {
            var (status, body) = await GetAsync(name, query + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, status);
            eachPage?.Invoke(body);
            hosts.AddRange(body["hosts"]!.AsArray().Select(h => h!));
            token = body["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);
        return hosts;
    }

    [Fact]
    public async Task Hosts_come_in_pages_in_file_order_with_groups_and_labels_and_a_selector_filters_them()
    {
        var name = await PutAsync(Ini(150, 100));
        var pages = 0;
        var all = await AllAsync(name, "?limit=100", _ => pages++);
        Assert.Equal(3, pages);
        Assert.Equal([.. Enumerable.Range(0, 250).Select(i => $"h{i:D5}")], all.Select(h => h["name"]!.GetValue<string>()));
        Assert.Equal("127.0.0.1", all[0]["address"]!.GetValue<string>());
        Assert.Contains("web", all[0]["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Contains("db", all[249]["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("b", all[1]["labels"]!["zone"]!.GetValue<string>());

        var selected = await AllAsync(name, "?limit=40&selector=" + Uri.EscapeDataString(" group=web,zone=a "));
        Assert.Equal([.. Enumerable.Range(0, 150).Where(i => i % 2 == 0).Select(i => $"h{i:D5}")], selected.Select(h => h["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_page_looks_at_a_bounded_number_of_hosts_so_a_selector_that_picks_few_gives_short_pages_that_go_on()
    {
        var hosts = InventoriesApi.MaxScanned + 5;
        var name = await PutAsync(Ini(hosts - 1, 1)); // the last host alone is in db
        var (status, first) = await GetAsync(name, "?selector=group%3Ddb");
        Assert.Equal(200, status);
        Assert.Empty(first["hosts"]!.AsArray());
        var token = first["continuationToken"]!.GetValue<string>();
        Assert.StartsWith($"{InventoriesApi.MaxScanned}-", token);
        var (_, second) = await GetAsync(name, "?selector=group%3Ddb&continuationToken=" + Uri.EscapeDataString(token));
        Assert.Equal([$"h{hosts - 1:D5}"], second["hosts"]!.AsArray().Select(h => h!["name"]!.GetValue<string>()));
        Assert.Null(second["continuationToken"]);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?selector=group%20in%20(web", "selector")]
    [InlineData("?continuationToken=abc", "continuationToken")]
    [InlineData("?continuationToken=12-", "continuationToken")]
    [InlineData("?continuationToken=99999999-abc", "continuationToken")]
    [InlineData("?limit=5&limit=6", "limit")]
    [InlineData("?format=json", "format")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string field)
    {
        var name = await PutAsync(Ini(2, 1));
        var (status, body) = await GetAsync(name, query);
        Assert.Equal(400, status);
        Assert.Contains(body["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
    }

    [Fact]
    public async Task A_continuation_of_an_inventory_since_replaced_is_a_400_and_an_unknown_inventory_a_404()
    {
        var name = await PutAsync(Ini(20, 5));
        var (_, first) = await GetAsync(name, "?limit=10");
        var token = first["continuationToken"]!.GetValue<string>();
        await PutAsync(Ini(3, 1), name);
        var (status, body) = await GetAsync(name, "?limit=10&continuationToken=" + Uri.EscapeDataString(token));
        Assert.Equal(400, status);
        Assert.Equal("continuationToken", body["errors"]![0]!["field"]!.GetValue<string>());

        var (missing, _) = await GetAsync("no-such-" + name, "");
        Assert.Equal(404, missing);
    }
}
