using FleetOps.Core.Inventories;

namespace FleetOps.Core.Tests.Inventories;

/// <summary>Labels in two layers read as one dictionary: the host's own win, the shared ones keep their place.</summary>
public sealed class LayeredLabelsTests
{
    private static readonly Dictionary<string, string> Shared = new() { ["env"] = "prod", ["tier"] = "web", ["group"] = "web" };

    [Fact]
    public void Own_labels_win_and_add_to_the_shared_ones()
    {
        var labels = LayeredLabels.Of(Shared, new Dictionary<string, string> { ["tier"] = "db", ["zone"] = "a" });

        Assert.Equal(4, labels.Count);
        Assert.Equal(["env=prod", "tier=db", "group=web", "zone=a"], labels.Select(l => $"{l.Key}={l.Value}"));
        Assert.Equal("db", labels["tier"]);
        Assert.Equal("prod", labels["env"]);
        Assert.True(labels.ContainsKey("zone"));
        Assert.False(labels.TryGetValue("rack", out _));
        Assert.Throws<KeyNotFoundException>(() => labels["rack"]);
        Assert.Equal(["env", "tier", "group", "zone"], labels.Keys);
        Assert.Equal(["prod", "db", "web", "a"], labels.Values);
        Assert.Equal("prod", Shared["env"]);
        Assert.Equal("web", Shared["tier"]); // the shared layer is never written
    }

    [Fact]
    public void One_empty_layer_gives_the_other_itself()
    {
        Assert.Same(Shared, LayeredLabels.Of(Shared, null));
        Assert.Same(Shared, LayeredLabels.Of(Shared, new Dictionary<string, string>()));
        var own = new Dictionary<string, string> { ["a"] = "1" };
        Assert.Same(own, LayeredLabels.Of(new Dictionary<string, string>(), own));
    }

    [Fact]
    public void Hosts_of_one_range_share_their_labels()
    {
        var inventory = InventoryParser.Parse("[web]\nw[1:1000] zone=a\n[web:vars]\nenv=prod\n", InventoryFormat.AnsibleIni);

        Assert.Equal(1_000, inventory.Hosts.Count);
        Assert.Single(inventory.Hosts.Select(h => h.Labels).Distinct(ReferenceEqualityComparer.Instance));
        Assert.Equal(["env=prod", "group=web", "zone=a"], inventory.Hosts[999].Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"));
    }
}
