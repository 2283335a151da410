using FleetOps.Core.Inventories;
using static FleetOps.Core.Tests.Inventories.InventoryAssert;

namespace FleetOps.Core.Tests.Inventories;

public sealed class FileSdInventoryTests
{
    [Fact]
    public void One_host_per_target_with_its_entry_labels_and_no_internal_labels()
    {
        var inventory = InventoryParser.Parse("""
            [
              { "targets": ["10.0.0.1:9100", "10.0.0.2:9100"],
                "labels": { "job": "node", "env": "prod", "__address__": "x", "__meta_consul_dc": "eu", "__scheme__": "https" } },
              { "targets": ["[fd00::5]:9100", "db.internal"], "labels": { "job": "db" } },
              { "targets": [] }
            ]
            """, InventoryFormat.FileSd);

        Assert.Equal(["10.0.0.1:9100", "10.0.0.2:9100", "[fd00::5]:9100", "db.internal"], inventory.Hosts.Select(h => h.Name));
        var first = HostOf(inventory, "10.0.0.1:9100");
        Assert.Equal("10.0.0.1:9100", first.Address);
        Labels(first, ("job", "node"), ("env", "prod"));
        Assert.Empty(first.Groups);
        Assert.Empty(first.Checks);
        Assert.Equal("[fd00::5]:9100", HostOf(inventory, "[fd00::5]:9100").Address);
        Labels(HostOf(inventory, "db.internal"), ("job", "db"));
        Assert.Empty(inventory.GroupNames);
    }

    [Fact]
    public void A_target_in_several_entries_is_one_host_and_later_labels_win()
    {
        var inventory = InventoryParser.Parse("""
            [ { "targets": ["a:1"], "labels": { "job": "node", "dc": "eu" } },
              { "targets": ["b:1", "a:1"], "labels": { "job": "blackbox" } } ]
            """, InventoryFormat.FileSd);

        Assert.Equal(["a:1", "b:1"], inventory.Hosts.Select(h => h.Name));
        Labels(HostOf(inventory, "a:1"), ("job", "blackbox"), ("dc", "eu"));
        Labels(HostOf(inventory, "b:1"), ("job", "blackbox"));
    }

    [Fact]
    public void Yaml_file_sd_reads_the_same()
    {
        var inventory = InventoryParser.Parse("""
            - targets: ['10.0.0.1:9100']
              labels: { job: node }
            """, InventoryFormat.FileSd);
        Labels(Assert.Single(inventory.Hosts), ("job", "node"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\uFEFF [ ]\r\n")]
    public void Empty_lists_have_no_hosts(string text) => Assert.Empty(InventoryParser.Parse(text, InventoryFormat.FileSd).Hosts);

    [Theory]
    [InlineData("""[ { "targets": ["a:1", "b:99999"] } ]""", "[0].targets[1]", "65535")]
    [InlineData("""[ { "targets": ["a:1"] }, { "targets": [""] } ]""", "[1].targets[0]", "empty")]
    [InlineData("""[ { "targets": ["a:1:2"] } ]""", "[0].targets[0]", "IPv6")]
    [InlineData("""[ { "targets": [9100] } ]""", "[0].targets[0]", "must be a \"host:port\" string")]
    [InlineData("""[ { "targets": "a:1" } ]""", "[0].targets", "a list")]
    [InlineData("""[ { "labels": { "job": "x" } } ]""", "[0]", "has no targets")]
    [InlineData("""[ { "targets": ["a:1"], "labels": { "port": 9100 } } ]""", "[0].labels.port", "must be a string")]
    [InlineData("""[ { "targets": ["a:1"], "lables": {} } ]""", "[0].lables", "unknown field")]
    [InlineData("""{ "targets": ["a:1"] }""", "$", "a list")]
    [InlineData("""[ "a:1" ]""", "[0]", "an object")]
    public void Errors_name_the_entry(string text, string location, string fragment) =>
        Fails(text, InventoryFormat.FileSd, location, fragment);

    [Fact]
    public void Json_syntax_errors_give_the_line()
    {
        var ex = Fails("[\n  { \"targets\": [\"a:1\" }\n]", InventoryFormat.FileSd, "line 2", "JSON");
        Assert.Equal(2, ex.Line);
    }
}
