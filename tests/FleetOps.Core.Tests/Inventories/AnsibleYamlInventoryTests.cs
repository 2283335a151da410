using FleetOps.Core.Inventories;
using static FleetOps.Core.Tests.Inventories.InventoryAssert;

namespace FleetOps.Core.Tests.Inventories;

public sealed class AnsibleYamlInventoryTests
{
    private static Inventory Yaml(string text) => InventoryParser.Parse(text, InventoryFormat.AnsibleYaml);

    private const string Example = """
        all:
          hosts:
            mail.example.com:
          vars:
            env: unknown
            ntp: 10.0.0.123
          children:
            prod:
              vars: { env: prod, tier: generic }
              children:
                web:
                  hosts:
                    web[01:03].example.com: { ansible_port: 8080 }
                    web01.example.com:
                      ansible_host: 10.0.0.5
                      ansible_port: 2222
                      role: front end
                  vars:
                    tier: frontend
                db:
                  hosts:
                    db-[a:b]: { ansible_host: 10.0.1.1 }
                    badwolf.example.com:5309:
        """;

    [Fact]
    public void Reads_nested_groups_ranges_and_vars_like_the_ini_form()
    {
        var inventory = Yaml(Example);

        Assert.Equal(
            ["mail.example.com", "web01.example.com", "web02.example.com", "web03.example.com", "db-a", "db-b", "badwolf.example.com"],
            inventory.Hosts.Select(h => h.Name));
        var web01 = HostOf(inventory, "web01.example.com");
        Assert.Equal("10.0.0.5:2222", web01.Address);
        Assert.Equal(["web", "prod", "all"], web01.Groups);
        Labels(web01, ("env", "prod"), ("tier", "frontend"), ("ntp", "10.0.0.123"), ("role", "front end"), ("group", "web"));
        Assert.Equal("web03.example.com:8080", HostOf(inventory, "web03.example.com").Address);
        Assert.Equal("10.0.1.1", HostOf(inventory, "db-a").Address);
        Assert.Equal("badwolf.example.com:5309", HostOf(inventory, "badwolf.example.com").Address);
        Assert.Equal(["ungrouped", "all"], HostOf(inventory, "mail.example.com").Groups);
        Assert.Equal(["all", "db", "prod", "ungrouped", "web"], inventory.GroupNames);
    }

    [Fact]
    public void Yaml_and_ini_forms_of_one_inventory_agree()
    {
        const string ini = """
            mail.example.com
            [web]
            web[01:03].example.com ansible_port=8080
            web01.example.com ansible_host=10.0.0.5 ansible_port=2222 role="front end"
            [db]
            db-[a:b] ansible_host=10.0.1.1
            badwolf.example.com:5309
            [prod:children]
            web
            db
            [prod:vars]
            env=prod
            tier=generic
            [web:vars]
            tier=frontend
            [all:vars]
            env=unknown
            ntp=10.0.0.123
            """;
        static string Describe(Inventory inventory) => string.Join("\n", inventory.Hosts.Select(h =>
            $"{h.Name} {h.Address} [{string.Join(",", h.Groups)}] {string.Join(",", h.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))}"));
        Assert.Equal(Describe(InventoryParser.Parse(ini, InventoryFormat.AnsibleIni)), Describe(Yaml(Example)));
    }

    [Fact]
    public void A_group_under_several_parents_is_one_group_with_all_its_parts()
    {
        var inventory = Yaml("""
            all:
              children:
                eu:
                  children:
                    web: { hosts: { w1: }, vars: { a: "1" } }
                us:
                  children:
                    web: { hosts: { w2: }, vars: { b: "2" } }
            """);
        Assert.Equal(["w1", "w2"], inventory.Hosts.Select(h => h.Name));
        foreach (var host in inventory.Hosts)
        {
            Assert.Equal(["web", "eu", "us", "all"], host.Groups);
            Assert.Equal("1", host.Labels["a"]);
            Assert.Equal("2", host.Labels["b"]);
        }
        Assert.True(Selector.Parse("group in (us)").Matches(inventory.Hosts[0]));
    }

    [Fact]
    public void Top_level_groups_besides_all_are_children_of_all()
    {
        var inventory = Yaml("""
            web:
              hosts: { w1: }
            ungrouped:
              hosts: { lone: }
            """);
        Assert.Equal(["web", "all"], HostOf(inventory, "w1").Groups);
        Assert.Equal(["ungrouped", "all"], HostOf(inventory, "lone").Groups);
    }

    [Fact]
    public void Var_values_become_label_text()
    {
        var inventory = Yaml("""
            all:
              hosts:
                h:
                  port_text: 8080
                  enabled: yes
                  flag: true
                  empty:
                  quoted: "007"
                  list: [a, 1, true]
                  map: { k: v, n: null }
                  unicode: café
            """);
        Labels(HostOf(inventory, "h"),
            ("port_text", "8080"), ("enabled", "yes"), ("flag", "true"), ("empty", ""), ("quoted", "007"),
            ("list", """["a",1,true]"""), ("map", """{"k":"v","n":null}"""), ("unicode", "café"), ("group", "ungrouped"));
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_share_vars()
    {
        var inventory = Yaml("""
            all:
              children:
                web:
                  hosts:
                    w1: &common { env: prod, ansible_port: 22 }
                    w2: { <<: *common, env: staging }
                    w3: *common
            """);
        Assert.Equal("w1:22", HostOf(inventory, "w1").Address);
        Assert.Equal("staging", HostOf(inventory, "w2").Labels["env"]);
        Assert.Equal("w2:22", HostOf(inventory, "w2").Address);
        Assert.Equal("prod", HostOf(inventory, "w3").Labels["env"]);
    }

    [Fact]
    public void Aliased_groups_do_not_make_the_walk_exponential()
    {
        // Each level names the previous one twice under new names: 2^n visits if walked naively.
        static string Levels(int n)
        {
            var text = new System.Text.StringBuilder("defs:\n  vars: {}\n  children:\n    g0: &g0 { hosts: { h: } }\n");
            for (var i = 1; i <= n; i++) text.Append($"    g{i}: &g{i} {{ children: {{ a{i}: *g{i - 1}, b{i}: *g{i - 1} }} }}\n");
            return text.ToString();
        }

        var host = Assert.Single(Yaml(Levels(12)).Hosts);
        Assert.Equal(["g0", "a1", "b1"], host.Groups.Take(3));
        Assert.Contains("b12", host.Groups);

        // 40 levels name 2^40 groups: refused while reading the YAML, at the level that goes over.
        var cpu = ThreadCpu.Of(() => Fails(Levels(40), InventoryFormat.AnsibleYaml, "line 23", "10,000,000 values"));
        Assert.True(cpu < TimeSpan.FromSeconds(1), $"took {cpu} of CPU");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing\n")]
    [InlineData("all:")]
    [InlineData("all:\n  hosts:\n  children:\n    web:\n")]
    public void Empty_inventories_have_no_hosts(string text) => Assert.Empty(Yaml(text).Hosts);

    [Fact]
    public void Bom_and_windows_line_endings_are_fine()
    {
        var inventory = Yaml("\uFEFFall:\r\n  hosts:\r\n    web[1:2]:\r\n      ansible_host: fd00::1\r\n");
        Assert.Equal(["web1", "web2"], inventory.Hosts.Select(h => h.Name));
        Assert.Equal("[fd00::1]", inventory.Hosts[0].Address);
    }

    [Fact]
    public void Errors_give_the_group_path_and_the_line()
    {
        var ex = Fails("""
            all:
              children:
                web:
                  hosts:
                    web-01:
                      ansible_port: 99999
            """, InventoryFormat.AnsibleYaml, "all.children.web.hosts.web-01.ansible_port", "not a port");
        Assert.Equal(6, ex.Line);
        Assert.Equal(11, ex.Column);

        ex = Fails("all:\n  children:\n    web:\n      hosts:\n        web[05:01]:\n", InventoryFormat.AnsibleYaml,
            "all.children.web.hosts.web[05:01]", "goes down");
        Assert.Equal(5, ex.Line);

        Fails("all:\n  children:\n    web:\n      host:\n        w1:\n", InventoryFormat.AnsibleYaml, "all.children.web.host", "unknown key 'host'");
        Fails("all:\n  hosts:\n    - w1\n    - w2\n", InventoryFormat.AnsibleYaml, "all.hosts", "not a list");
        Fails("all:\n  hosts:\n    w1: 22\n", InventoryFormat.AnsibleYaml, "all.hosts.w1", "host vars");
        Fails("all:\n  vars: [a]\n", InventoryFormat.AnsibleYaml, "all.vars", "a mapping");
        Fails("- all\n", InventoryFormat.AnsibleYaml, "$", "group names");
        Fails("all:\n  hosts:\n    \"web 1\":\n", InventoryFormat.AnsibleYaml, "all.hosts.web 1", "whitespace");
        Fails("all:\n  children:\n    web:\n      hosts: { a: { ansible_host: \"10.0.0.1\", ansible_port: 22 } }\n      vars: { ansible_host: \"\" }\n",
            InventoryFormat.AnsibleYaml, "all.children.web.vars.ansible_host", "empty");
    }

    [Fact]
    public void Children_cycles_are_errors()
    {
        var ex = Fails("""
            all:
              children:
                a:
                  children:
                    b:
                      children:
                        a:
            """, InventoryFormat.AnsibleYaml, "all.children.a.children.b.children.a", "a -> b -> a");
        Assert.Equal(7, ex.Line);
        Fails("all:\n  children:\n    web:\n      children:\n        all:\n", InventoryFormat.AnsibleYaml, "all.children.web.children.all", "'all' cannot be a child");
    }

    [Fact]
    public void Yaml_syntax_errors_give_the_line()
    {
        var ex = Fails("all:\n  hosts:\n    a:\n   b: 1\n  c\n", InventoryFormat.AnsibleYaml, "line 4");
        Assert.Equal(4, ex.Line);
        ex = Assert.Throws<InventoryFormatException>(() => Yaml("all:\n  hosts:\n\t  a:\n"));
        Assert.Contains("tab", ex.Message);
        Assert.NotNull(ex.Line);
    }
}
