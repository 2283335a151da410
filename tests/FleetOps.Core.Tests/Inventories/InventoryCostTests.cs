using System.Text;
using FleetOps.Core.Inventories;
using Xunit.Abstractions;

namespace FleetOps.Core.Tests.Inventories;

/// <summary>
/// Small inventories that name huge amounts of work: each is either parsed at a cost bounded by the limits, or
/// refused with an error naming the line or path, and the CPU time this thread spent is bounded either way.
/// The bounds are loose (this machine's CPUs are shared with other builds) and the work before an error is at most
/// what the limits allow; the quadratic parsers these tests guard against take many times the bound.
/// </summary>
[Collection(nameof(InventoryTimings))]
public sealed class InventoryCostTests(ITestOutputHelper output)
{
    /// <summary>For work up to the limits: a million hosts, four million host entries (about 2 s here, unloaded).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(8);

    /// <summary>For inventories within the limits that a quadratic parser would take many seconds over.</summary>
    private static readonly TimeSpan Linear = TimeSpan.FromSeconds(3);

    private (InventoryFormatException? Error, Inventory? Inventory) Parse(string name, string text, InventoryFormat format, TimeSpan? bound = null)
    {
        InventoryFormatException? error = null;
        Inventory? inventory = null;
        var cpu = ThreadCpu.Of(() =>
        {
            try { inventory = InventoryParser.Parse(text, format); }
            catch (InventoryFormatException e) { error = e; }
        });
        output.WriteLine($"{name}: {text.Length:N0} chars, {cpu.TotalMilliseconds:F0} ms CPU: " +
                         (error?.Message ?? $"{inventory!.Hosts.Count:N0} hosts"));
        Assert.True(cpu < (bound ?? Bound), $"{name}: {cpu.TotalMilliseconds:F0} ms of CPU");
        return (error, inventory);
    }

    private InventoryFormatException Refused(string name, string text, InventoryFormat format, string location, string fragment, TimeSpan? bound = null)
    {
        var (error, _) = Parse(name, text, format, bound);
        Assert.NotNull(error);
        Assert.Equal(location, error.Location);
        Assert.Contains(fragment, error.Message);
        return error;
    }

    private static string Repeat(int times, Func<int, string> line)
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= times; i++) sb.Append(line(i));
        return sb.ToString();
    }

    [Fact]
    public void One_range_listed_in_a_thousand_groups_is_refused_where_the_entries_run_out()
    {
        // 17 KB: 1,000 groups × h[1:5000] is 5,000,000 host entries. The 801st range crosses 4,000,000 (line 1602).
        var text = Repeat(1_000, g => $"[g{g}]\nh[1:5000]\n");
        Assert.InRange(text.Length, 16_000, 18_000);

        Refused("1,000 groups × 5,000-host range", text, InventoryFormat.AnsibleIni, "line 1602", "4,000,000");
    }

    [Fact]
    public void Hosts_listed_in_many_groups_parse_in_linear_time()
    {
        // 2,000 hosts each in 1,000 groups: 2,000,000 entries, within the limits.
        var (error, inventory) = Parse("1,000 groups × 2,000-host range", Repeat(1_000, g => $"[g{g}]\nh[1:2000]\n"), InventoryFormat.AnsibleIni, Linear);

        Assert.Null(error);
        Assert.Equal(2_000, inventory!.Hosts.Count);
        Assert.Equal(1_001, inventory.Hosts[^1].Groups.Count);
        Assert.Equal(["g1", "g2"], inventory.Hosts[0].Groups.Take(2));
        Assert.Equal("all", inventory.Hosts[0].Groups[^1]);

        // One host in 99,990 groups (and again in the first): every listing is a constant-time step, not a scan of
        // the host's groups (5 billion steps).
        var (_, one) = Parse("one host in 99,990 groups", Repeat(99_990, g => $"[g{g}]\nh\n") + "[g1]\nh\n", InventoryFormat.AnsibleIni, Linear);
        var groups = Assert.Single(one!.Hosts).Groups;
        Assert.Equal(99_991, groups.Count);
        Assert.Equal(99_991, groups.Distinct().Count());
    }

    [Fact]
    public void Multiplied_ranges_are_counted_before_they_are_expanded()
    {
        // One line naming 10^10 hosts costs its length, not its expansion.
        Refused("w[1:100000][1:100000]", "[g]\nw[1:100000][1:100000]\n", InventoryFormat.AnsibleIni, "line 2", "10,000,000,000 hosts",
            TimeSpan.FromMilliseconds(200));
        Refused("a 10^30 product", "[g]\n" + string.Concat(Enumerable.Repeat("x[1:1000]", 10)) + "\n", InventoryFormat.AnsibleIni, "line 2", "hosts",
            TimeSpan.FromMilliseconds(200));

        // 100 lines of a million each: the fifth line crosses 4,000,000 entries.
        Refused("w[1:1000][1:1000] on 100 lines", "[g]\n" + Repeat(100, _ => "w[1:1000][1:1000]\n"), InventoryFormat.AnsibleIni, "line 6", "4,000,000");
        Refused("ansible-yaml, ranges in 100 groups",
            "all:\n  children:\n" + Repeat(100, g => $"    g{g}:\n      hosts:\n        w[1:1000][1:1000]:\n"),
            InventoryFormat.AnsibleYaml, "all.children.g5.hosts.w[1:1000][1:1000]", "4,000,000");
    }

    [Fact]
    public void A_million_hosts_from_a_stored_inventory_are_within_the_limits()
    {
        var (error, inventory) = Parse("1,000,000 hosts from one range", "[nodes]\nnode[0000001:1000000] zone=a\n[nodes:vars]\ntier=compute\n",
            InventoryFormat.AnsibleIni);

        Assert.Null(error);
        Assert.Equal(1_000_000, inventory!.Hosts.Count);
        Assert.Equal("node1000000", inventory.Hosts[^1].Name);
        Assert.Equal("a", inventory.Hosts[^1].Labels["zone"]);
        Assert.Equal("compute", inventory.Hosts[^1].Labels["tier"]);
        Assert.Equal(["nodes", "all"], inventory.Hosts[^1].Groups);
    }

    [Fact]
    public void A_long_children_chain_is_refused_at_the_link_that_is_too_deep()
    {
        // 25,000 groups, each the child of the one before: ~600 KB. Link 100 (lines 199-200) puts g101 at depth 101.
        var text = Repeat(24_999, g => $"[g{g:D5}:children]\ng{g + 1:D5}\n") + "[g25000]\n";
        Assert.InRange(text.Length, 550_000, 700_000);

        Refused("25,000-group children chain", text, InventoryFormat.AnsibleIni, "line 200", "more than 100 levels",
            TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Children_chains_within_the_depth_limit_resolve_in_linear_time()
    {
        // 100 chains of 100 groups with a host in every group: each host lists its whole chain.
        var sb = new StringBuilder();
        for (var c = 1; c <= 100; c++)
            for (var g = 1; g <= 100; g++)
                sb.Append($"[c{c}g{g}]\nh{c}-{g}\n").Append(g < 100 ? $"[c{c}g{g}:children]\nc{c}g{g + 1}\n" : "");
        var (error, inventory) = Parse("100 chains of 100 groups", sb.ToString(), InventoryFormat.AnsibleIni, Linear);

        Assert.Null(error);
        Assert.Equal(10_000, inventory!.Hosts.Count);
        var deepest = inventory.Hosts.Single(h => h.Name == "h7-100");
        Assert.Equal(101, deepest.Groups.Count);
        Assert.Equal(["c7g100", "c7g99", "c7g98"], deepest.Groups.Take(3));
    }

    [Fact]
    public void A_group_with_many_parents_is_read_in_linear_time_and_its_hosts_are_bounded()
    {
        // 99,000 parents of one group: adding each link is a constant-time step, not a scan of the parents (5 billion).
        var parents = Repeat(99_000, p => $"[p{p}:children]\nleaf\n");
        var (error, inventory) = Parse("a group with 99,000 parents, 10 hosts", parents + "[leaf]\nh[1:10]\n", InventoryFormat.AnsibleIni, Linear);
        Assert.Null(error);
        Assert.Equal(99_002, inventory!.Hosts[0].Groups.Count);

        // 1,000 hosts there would each be in 99,002 groups: 99 million memberships.
        Refused("a group with 99,000 parents, 1,000 hosts", parents + "[leaf]\nh[1:1000]\n", InventoryFormat.AnsibleIni,
            "line 198002", "20,000,000", Linear);
    }

    [Fact]
    public void Groups_beyond_the_limit_are_refused_on_their_line()
    {
        Refused("100,001 groups", Repeat(100_001, g => $"[g{g}]\n"), InventoryFormat.AnsibleIni, "line 100001", "100,000 groups");
    }

    [Fact]
    public void Group_vars_inherited_by_many_hosts_are_bounded()
    {
        // 2,000 vars in one group, and 20,000 hosts of their own (ansible_host) in it: 40 million labels.
        var text = "[big:vars]\n" + Repeat(2_000, v => $"v{v}={v}\n") + "[big]\n" + Repeat(20_000, h => $"h{h} ansible_host=10.0.{h / 256 % 256}.{h % 256}\n");
        Refused("2,000 group vars × 20,000 hosts", text, InventoryFormat.AnsibleIni, "line 11982", "20,000,000");
    }

    [Fact]
    public void Nested_yaml_aliases_are_refused_where_they_pass_the_limit()
    {
        // Nine levels of ten: 10^9 values, in every format that reads YAML.
        var laughs = new StringBuilder("x:\n  l0: &a0 [lol]\n");
        for (var i = 1; i <= 9; i++) laughs.Append($"  l{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        foreach (var format in new[] { InventoryFormat.Native, InventoryFormat.AnsibleYaml, InventoryFormat.FileSd })
            Refused($"billion laughs as {format}", laughs.ToString(), format, "line 9", "10,000,000 values", TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_hosts_map_aliased_into_thousands_of_groups_is_refused()
    {
        // 1,000 hosts under an anchor, aliased by 5,000 groups: 5 million entries from 120 KB.
        var text = "all:\n  children:\n    g0:\n      hosts: &h\n" + Repeat(1_000, h => $"        h{h}:\n") +
                   Repeat(5_000, g => $"    g{g}: {{ hosts: *h }}\n");
        var error = Refused("hosts aliased into 5,000 groups", text, InventoryFormat.AnsibleYaml, "line 5994", "10,000,000 values");
        Assert.Equal(5994, error.Line);
    }

    [Fact]
    public void Labels_aliased_onto_many_native_hosts_are_bounded()
    {
        // 1,000 labels under an anchor, given to 20,000 hosts: 20 million labels from 600 KB.
        var aliased = "groups: { g: { labels: &l {" + string.Join(", ", Enumerable.Range(1, 1_000).Select(i => $"k{i}: v")) + "} } }\n" +
                      "hosts:\n" + Repeat(20_000, h => $"  - {{ name: h{h}, labels: *l }}\n");
        Refused("labels aliased onto 20,000 hosts", aliased, InventoryFormat.Native, "line 4990", "10,000,000 values");

        // Without aliases: 100 groups of 1,000 labels each, and hosts each in all of them (100,000 labels a host).
        var groups = "groups:\n" + Repeat(100, g => $"  g{g}: {{ labels: {{ {string.Join(", ", Enumerable.Range(1, 1_000).Select(i => $"k{i}-{g}: v"))} }} }}\n");
        var hosts = "hosts:\n" + Repeat(300, h => $"  - {{ name: h{h}, groups: [{string.Join(", ", Enumerable.Range(1, 100).Select(g => $"g{g}"))}] }}\n");
        Refused("300 hosts × 100 groups × 1,000 labels", groups + hosts, InventoryFormat.Native, "hosts[198]", "20,000,000");

        // The same labels under the same keys in every group: each host has 1,001 labels, merged once for all hosts.
        var sameKeys = "groups:\n" + Repeat(100, g => $"  g{g}: {{ labels: {{ {string.Join(", ", Enumerable.Range(1, 1_000).Select(i => $"k{i}: v{g}"))} }} }}\n");
        var (error, inventory) = Parse("300 hosts × 100 groups × the same 1,000 labels", sameKeys + hosts, InventoryFormat.Native);
        Assert.Null(error);
        Assert.Equal(1_001, inventory!.Hosts[^1].Labels.Count);
        Assert.Equal("v100", inventory.Hosts[^1].Labels["k1"]);
    }

    [Fact]
    public void File_sd_labels_copied_to_many_targets_are_bounded()
    {
        var labels = string.Join(",", Enumerable.Range(1, 1_000).Select(i => $"\"k{i}\":\"v\""));
        var targets = string.Join(",", Enumerable.Range(1, 30_000).Select(t => $"\"10.{t / 65536}.{t / 256 % 256}.{t % 256}:9100\""));
        Refused("1,000 labels × 30,000 targets", $"[{{\"labels\":{{{labels}}},\"targets\":[{targets}]}}]", InventoryFormat.FileSd,
            "[0].targets[20000]", "20,000,000");
    }
}
