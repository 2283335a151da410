using FleetOps.Core.Inventories;

namespace FleetOps.Core.Tests.Inventories;

public sealed class SelectorTests
{
    private static InventoryHost Host(string name, string[] groups, params (string Key, string Value)[] labels) =>
        new(name, name, labels.ToDictionary(l => l.Key, l => l.Value), groups, []);

    // web-1: in web and its parent prod, label group=web (as a reader would set), zone a, env prod.
    private static readonly InventoryHost Web1 = Host("web-1", ["web", "prod", "all"], ("group", "web"), ("zone", "a"), ("env", "prod"), ("tier", "front"));
    private static readonly InventoryHost Web2 = Host("web-2", ["web", "prod", "all"], ("group", "web"), ("zone", "b"), ("env", "staging"));
    private static readonly InventoryHost Db1 = Host("db-1", ["db", "all"], ("group", "db"), ("env", "dev"));
    private static readonly InventoryHost Bare = Host("bare", []);
    // Label group=legacy although not in a group of that name: the label selects too.
    private static readonly InventoryHost Legacy = Host("legacy", ["ungrouped", "all"], ("group", "legacy"));
    private static readonly Inventory Fleet = new([Web1, Web2, Db1, Bare, Legacy]);

    private static string Pick(string selector) => string.Join(",", Fleet.Select(Selector.Parse(selector)).Select(h => h.Name));

    [Theory]
    [InlineData("", "web-1,web-2,db-1,bare,legacy")]
    [InlineData("   ", "web-1,web-2,db-1,bare,legacy")]
    [InlineData("group=web", "web-1,web-2")]
    [InlineData("group==web", "web-1,web-2")]
    [InlineData("group=prod", "web-1,web-2")] // an ancestor group, not the label
    [InlineData("group=all", "web-1,web-2,db-1,legacy")]
    [InlineData("group=legacy", "legacy")] // the label counts too
    [InlineData("group!=web", "db-1,bare,legacy")]
    [InlineData("group=web,zone!=b", "web-1")]
    [InlineData("zone!=b", "web-1,db-1,bare,legacy")] // != also matches hosts without the label
    [InlineData("env in (prod,staging)", "web-1,web-2")]
    [InlineData("env in ( prod , staging )", "web-1,web-2")]
    [InlineData("env in(dev)", "db-1")]
    [InlineData("env notin (dev)", "web-1,web-2,bare,legacy")]
    [InlineData("group in (db, prod)", "web-1,web-2,db-1")]
    [InlineData("group notin (prod)", "db-1,bare,legacy")]
    [InlineData("tier", "web-1")]
    [InlineData("!tier", "web-2,db-1,bare,legacy")]
    [InlineData("! tier , env", "web-2,db-1")]
    [InlineData("group", "web-1,web-2,db-1,legacy")]
    [InlineData("!group", "bare")]
    [InlineData("env=prod,env=staging", "")]
    [InlineData("zone=A", "")] // case matters
    [InlineData("env=\"prod\"", "web-1")]
    [InlineData("env='dev'", "db-1")]
    public void Selects(string selector, string expected) => Assert.Equal(expected, Pick(selector));

    [Fact]
    public void Values_may_be_quoted_and_hold_addresses()
    {
        var host = Host("h", [], ("path", "/opt/my app"), ("ip", "10.0.0.1:22"), ("empty", ""), ("q", "say \"hi\""));
        Assert.True(Selector.Parse("path=\"/opt/my app\"").Matches(host));
        Assert.True(Selector.Parse("ip=10.0.0.1:22").Matches(host));
        Assert.True(Selector.Parse("empty=\"\"").Matches(host));
        Assert.True(Selector.Parse("empty").Matches(host));
        Assert.True(Selector.Parse("q=\"say \\\"hi\\\"\"").Matches(host));
        Assert.True(Selector.Parse("app.kubernetes.io/name notin (x)").Matches(host));
    }

    [Theory]
    [InlineData("group=web,zone!=b", "group=web,zone!=b")]
    [InlineData(" env  in (prod , staging) ,  ! tier ", "env in (prod,staging),!tier")]
    [InlineData("a==1", "a=1")]
    [InlineData("a=\"x y\",b notin (\"\")", "a=\"x y\",b notin (\"\")")]
    [InlineData("", "")]
    public void Canonical_text_round_trips(string text, string canonical)
    {
        var selector = Selector.Parse(text);
        Assert.Equal(canonical, selector.ToString());
        Assert.Equal(selector, Selector.Parse(selector.ToString()));
    }

    [Fact]
    public void All_selects_everything_and_equals_the_empty_selector()
    {
        Assert.True(Selector.All.IsAll);
        Assert.Equal(Selector.All, Selector.Parse(""));
        Assert.Equal(Fleet.Hosts, Fleet.Select(Selector.All));
        Assert.NotEqual(Selector.All, Selector.Parse("a"));
    }

    [Theory]
    [InlineData("group=web,", 11, "a label key")]
    [InlineData(",a", 1, "a label key")]
    [InlineData("a,,b", 3, "a label key")]
    [InlineData("group=", 7, "a value")]
    [InlineData("group=,x", 7, "a value")]
    [InlineData("env in prod", 8, "'(' to open")]
    [InlineData("env in (prod", 13, "',' or ')'")]
    [InlineData("env in ()", 9, "a value")]
    [InlineData("env in (a b)", 11, "',' or ')'")]
    [InlineData("env is prod", 5, "'=', '!=', 'in', 'notin'")]
    [InlineData("env > 1", 5, "'=', '!=', 'in', 'notin'")]
    [InlineData("!tier=x", 6, "',' or end")]
    [InlineData("a=b c", 5, "',' or end")]
    [InlineData("=web", 1, "a label key")]
    [InlineData("!", 2, "a label key")]
    [InlineData("zone!=", 7, "a value")]
    [InlineData("k=(x)", 3, "a value")]
    public void Errors_say_where_and_what_was_expected(string text, int position, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Selector.Parse(text));
        Assert.Contains($"at position {position}", ex.Message);
        Assert.Contains($"expected {expected}", ex.Message);
    }

    [Fact]
    public void An_unclosed_quote_names_where_it_opened()
    {
        var ex = Assert.Throws<FormatException>(() => Selector.Parse("a=b,path=\"/opt"));
        Assert.Contains("position 10", ex.Message);
        Assert.Contains("no closing", ex.Message);
    }

    [Fact]
    public void Selects_from_a_parsed_inventory()
    {
        var inventory = InventoryParser.Parse("""
            [web]
            web[1:4] zone=a
            [web:vars]
            env=prod
            [db]
            db1 zone=b
            [eu:children]
            web
            """, InventoryFormat.AnsibleIni);
        Assert.Equal(["web1", "web2", "web3", "web4"], inventory.Select(Selector.Parse("group=eu,zone=a")).Select(h => h.Name));
        Assert.Equal(["db1"], inventory.Select(Selector.Parse("group notin (eu)")).Select(h => h.Name));
        Assert.Empty(inventory.Select(Selector.Parse("group=ungrouped")));
    }
}
