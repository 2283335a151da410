using System.Text.Json;
using FleetOps.Core.Inventories;

namespace FleetOps.Core.Tests.Inventories;

public sealed class InventoryDetectTests
{
    [Theory]
    // By extension, the content choosing within the family.
    [InlineData("web1\n", "hosts.ini", InventoryFormat.AnsibleIni)]
    [InlineData("{ \"all\": {} }", "inv.INI", InventoryFormat.AnsibleIni)]
    [InlineData("{ \"hosts\": [] }", "fleet.json", InventoryFormat.Native)]
    [InlineData("[ { \"targets\": [] } ]", "targets.json", InventoryFormat.FileSd)]
    [InlineData("{ \"all\": { \"hosts\": {} } }", "inventory.json", InventoryFormat.AnsibleYaml)]
    [InlineData("hosts:\n  - name: a\n", "fleet.yaml", InventoryFormat.Native)]
    [InlineData("defaults: {}\n", "fleet.yml", InventoryFormat.Native)]
    [InlineData("all:\n  hosts: {}\n", "inventory.yml", InventoryFormat.AnsibleYaml)]
    [InlineData("# comment\nweb:\n  hosts: { w1: }\ndb:\n  hosts: {}\n", "inventory.yaml", InventoryFormat.AnsibleYaml)]
    [InlineData("- targets: ['a:1']\n", "sd.yml", InventoryFormat.FileSd)]
    [InlineData("---\n- targets: ['a:1']\n", "sd.yml", InventoryFormat.FileSd)]
    // By content alone.
    [InlineData("{ \"defaults\": {}, \"hosts\": [] }", null, InventoryFormat.Native)]
    [InlineData("  \r\n{ \"all\": {} }", null, InventoryFormat.AnsibleYaml)]
    [InlineData("[\n  { \"targets\": [\"10.0.0.1:9100\"] }\n]", null, InventoryFormat.FileSd)]
    [InlineData("[]", null, InventoryFormat.FileSd)]
    [InlineData("[web]\nweb1\n", null, InventoryFormat.AnsibleIni)]
    [InlineData("# inventory\n; more\n\n[web:children]\nfront\n", null, InventoryFormat.AnsibleIni)]
    [InlineData("web1.example.com ansible_host=10.0.0.1 ansible_port=22\n", null, InventoryFormat.AnsibleIni)]
    [InlineData("web[01:20].example.com\n", null, InventoryFormat.AnsibleIni)]
    [InlineData("badwolf.example.com:5309\n", null, InventoryFormat.AnsibleIni)]
    [InlineData("[2001:db8::1]:22\n", null, InventoryFormat.AnsibleIni)]
    [InlineData("all:\n  hosts: {}\n", "hosts", InventoryFormat.AnsibleYaml)]
    [InlineData("---\ndefaults:\n  port: 80\nhosts: []\n", null, InventoryFormat.Native)]
    [InlineData("\uFEFFhosts:\n  - name: a\n", null, InventoryFormat.Native)]
    [InlineData("\"hosts\": []\n", null, InventoryFormat.Native)]
    [InlineData("", null, InventoryFormat.Native)]
    [InlineData("  \n", "x.txt", InventoryFormat.Native)]
    public void Detects(string text, string? fileName, InventoryFormat expected) =>
        Assert.Equal(expected, InventoryParser.Detect(text, fileName));

    [Theory]
    [InlineData("<inventory><host/></inventory>")]
    [InlineData("this is not an inventory")]
    [InlineData("\n\n  = = =\n")]
    public void Unknown_content_is_an_error_with_its_line(string text)
    {
        var ex = Assert.Throws<InventoryFormatException>(() => InventoryParser.Detect(text));
        Assert.StartsWith("line ", ex.Location);
        Assert.Contains("cannot tell the inventory format", ex.Message);
    }

    [Fact]
    public void Detected_format_parses_each_sample()
    {
        var samples = new[]
        {
            "[web]\nweb[1:2]\n",
            "all:\n  hosts:\n    web1:\n    web2:\n",
            "hosts:\n  - name: web1\n  - name: web2\n",
            "{ \"hosts\": [ { \"name\": \"web1\" }, { \"name\": \"web2\" } ] }",
            "[ { \"targets\": [\"web1\", \"web2\"] } ]",
        };
        foreach (var text in samples)
            Assert.Equal(2, InventoryParser.Parse(text, InventoryParser.Detect(text)).Hosts.Count);
    }

    [Theory]
    [InlineData(InventoryFormat.Native, "native")]
    [InlineData(InventoryFormat.FileSd, "file-sd")]
    [InlineData(InventoryFormat.AnsibleIni, "ansible-ini")]
    [InlineData(InventoryFormat.AnsibleYaml, "ansible-yaml")]
    public void Format_names_in_json(InventoryFormat format, string name)
    {
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(format, FleetOpsJson.Options));
        Assert.Equal(format, JsonSerializer.Deserialize<InventoryFormat>($"\"{name}\"", FleetOpsJson.Options));
    }

    [Fact]
    public void Unknown_format_value_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InventoryParser.Parse("", (InventoryFormat)42));
        Assert.Throws<ArgumentNullException>(() => InventoryParser.Parse(null!, InventoryFormat.Native));
    }
}
