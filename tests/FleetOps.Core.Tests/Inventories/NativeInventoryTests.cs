using FleetOps.Core.Inventories;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;
using static FleetOps.Core.Tests.Inventories.InventoryAssert;

namespace FleetOps.Core.Tests.Inventories;

public sealed class NativeInventoryTests
{
    private const string Example = """
        # defaults apply to every host
        defaults: { port: 8080, labels: { env: prod }, checks: [ { kind: http, path: /health } ] }
        groups:
          web: { labels: { tier: front }, checks: [ { kind: tcp } ] }
          db:  { port: 5432 }
        hosts:
          - { name: web-1, address: 10.0.0.11, groups: [web], labels: { zone: a } }
          - { name: db-1, address: "10.0.0.21:5433", groups: [db] }
          - { name: db-2, address: 10.0.0.22, groups: [db] }
        """;

    private const string ExampleJson = """
        {
          "defaults": { "port": 8080, "labels": { "env": "prod" }, "checks": [ { "kind": "http", "path": "/health" } ] },
          "groups": { "web": { "labels": { "tier": "front" }, "checks": [ { "kind": "tcp" } ] }, "db": { "port": 5432 } },
          "hosts": [
            { "name": "web-1", "address": "10.0.0.11", "groups": ["web"], "labels": { "zone": "a" } },
            { "name": "db-1", "address": "10.0.0.21:5433", "groups": ["db"] },
            { "name": "db-2", "address": "10.0.0.22", "groups": ["db"] }
          ]
        }
        """;

    [Theory]
    [InlineData(Example)]
    [InlineData(ExampleJson)]
    public void Applies_defaults_groups_and_host_settings(string text)
    {
        var inventory = InventoryParser.Parse(text, InventoryFormat.Native);

        Assert.Equal(["web-1", "db-1", "db-2"], inventory.Hosts.Select(h => h.Name));
        var web = HostOf(inventory, "web-1");
        Assert.Equal("10.0.0.11:8080", web.Address); // no group port: the defaults'
        Labels(web, ("env", "prod"), ("tier", "front"), ("zone", "a"), ("group", "web"));
        Assert.Equal(["web"], web.Groups);
        // The group's checks replace the defaults'.
        Assert.Equal([new TcpCheck()], web.Checks);

        var db1 = HostOf(inventory, "db-1");
        Assert.Equal("10.0.0.21:5433", db1.Address); // the address's own port wins
        Assert.Equal("10.0.0.22:5432", HostOf(inventory, "db-2").Address); // the group's port beats the defaults'
        Labels(db1, ("env", "prod"), ("group", "db"));
        // db has no checks: the defaults' apply.
        Assert.Equal([new HttpCheck { Path = "/health" }], db1.Checks);
        Assert.Equal(["db", "web"], inventory.GroupNames);
    }

    [Fact]
    public void Host_checks_replace_group_and_default_checks_and_an_empty_list_means_none()
    {
        var inventory = InventoryParser.Parse("""
            defaults: { checks: [ { kind: http } ] }
            groups: { web: { checks: [ { kind: tcp, port: 22 } ] } }
            hosts:
              - { name: a, groups: [web], checks: [ { kind: dns, recordType: AAAA } ] }
              - { name: b, groups: [web], checks: [] }
              - { name: c }
            """, InventoryFormat.Native);

        Assert.Equal([new DnsCheck { RecordType = "AAAA" }], HostOf(inventory, "a").Checks);
        Assert.Empty(HostOf(inventory, "b").Checks);
        Assert.Equal([new HttpCheck()], HostOf(inventory, "c").Checks);
    }

    [Fact]
    public void Several_groups_first_port_wins_later_labels_win_and_checks_add_up()
    {
        var inventory = InventoryParser.Parse("""
            groups:
              a: { port: 1000, labels: { tier: a, only-a: "1" }, checks: [ { kind: tcp, port: 1 } ] }
              b: { port: 2000, labels: { tier: b }, checks: [ { kind: tcp, port: 2 } ] }
              c: { labels: { group: custom } }
            hosts:
              - { name: h1, address: h1.example, groups: [a, b, a] }
              - { name: h2, address: h2.example, groups: [c, b] }
            """, InventoryFormat.Native);

        var h1 = HostOf(inventory, "h1");
        Assert.Equal("h1.example:1000", h1.Address);
        Assert.Equal(["a", "b"], h1.Groups); // repeated group listed once
        Labels(h1, ("tier", "b"), ("only-a", "1"), ("group", "a"));
        Assert.Equal([1, 2], h1.Checks.Select(c => Assert.IsType<TcpCheck>(c).Port!.Value));

        var h2 = HostOf(inventory, "h2");
        Assert.Equal("h2.example:2000", h2.Address);
        Assert.Equal("custom", h2.Labels["group"]); // set by a group: not overwritten with the first group's name
        Assert.True(Selector.Parse("group=c").Matches(h2)); // ...but the group still selects it
    }

    [Fact]
    public void Name_stands_for_address_and_address_for_name()
    {
        var inventory = InventoryParser.Parse("""
            defaults: { port: 9100 }
            hosts:
              - name: node-1.example
              - address: "10.1.2.3:22"
              - address: fd00::7
              - address: "[fd00::8]"
            """, InventoryFormat.Native);

        Assert.Equal("node-1.example:9100", HostOf(inventory, "node-1.example").Address);
        Assert.Equal("10.1.2.3:22", HostOf(inventory, "10.1.2.3:22").Address);
        Assert.Equal("[fd00::7]:9100", HostOf(inventory, "fd00::7").Address);
        Assert.Equal("[fd00::8]:9100", HostOf(inventory, "[fd00::8]").Address);
        Assert.Empty(HostOf(inventory, "node-1.example").Labels); // no groups: no group label
    }

    [Fact]
    public void Values_are_typed_like_yaml_and_checks_read_as_json()
    {
        var inventory = InventoryParser.Parse("""
            hosts:
              - name: web
                labels: { zone: 1, canary: true, code: "007", note: ~x }
                checks:
                  - kind: http
                    scheme: https
                    port: 8443
                    expectStatus: [200, 204]
                    insecure: true
                    conditions: ["[STATUS] == 200", "[RESPONSE_TIME] < 500"]
                    headers: { Host: example.com, X-Id: "42" }
            """, InventoryFormat.Native);

        var host = HostOf(inventory, "web");
        Labels(host, ("zone", "1"), ("canary", "true"), ("code", "007"), ("note", "~x"));
        var check = Assert.IsType<HttpCheck>(Assert.Single(host.Checks));
        Assert.Equal("http", check.Kind);
        Assert.Equal("https", check.Scheme);
        Assert.Equal(8443, check.Port);
        Assert.Equal([200, 204], check.ExpectStatus!);
        Assert.True(check.Insecure);
        Assert.Equal(["[STATUS] == 200", "[RESPONSE_TIME] < 500"], check.Conditions!);
        Assert.Equal("42", check.Headers!["X-Id"]);
        Assert.Equal("web", host.Address); // no port anywhere: the address stays as is
    }

    [Fact]
    public void Yaml_anchors_aliases_and_merge_keys_work()
    {
        var inventory = InventoryParser.Parse("""
            defaults:
              labels: &base { env: prod, team: sre }
              checks: &http [ { kind: http, path: /ready } ]
            groups: { web: {} }
            hosts:
              - name: a
                labels: { <<: *base, env: staging }
                checks: *http
              - name: b
                labels: *base
                groups: [web]
            """, InventoryFormat.Native);

        Labels(HostOf(inventory, "a"), ("env", "staging"), ("team", "sre"));
        Labels(HostOf(inventory, "b"), ("env", "prod"), ("team", "sre"), ("group", "web"));
        Assert.Equal("/ready", Assert.IsType<HttpCheck>(Assert.Single(HostOf(inventory, "a").Checks)).Path);
        // One checks node, converted once: hosts share the same list.
        Assert.Same(HostOf(inventory, "a").Checks, HostOf(inventory, "b").Checks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\n")]
    [InlineData("# nothing yet\n")]
    [InlineData("{}")]
    [InlineData("hosts: []")]
    [InlineData("hosts:")]
    [InlineData("{ \"hosts\": [] }")]
    public void Empty_inventories_have_no_hosts(string text)
    {
        var inventory = InventoryParser.Parse(text, InventoryFormat.Native);
        Assert.Empty(inventory.Hosts);
        Assert.Empty(inventory.GroupNames);
    }

    [Fact]
    public void Bom_and_windows_line_endings_are_fine()
    {
        var text = "\uFEFFdefaults:\r\n  port: 80\r\nhosts:\r\n  - name: a\r\n    labels:\r\n      k: v\r\n";
        var host = Assert.Single(InventoryParser.Parse(text, InventoryFormat.Native).Hosts);
        Assert.Equal("a:80", host.Address);
        Assert.Equal("v", host.Labels["k"]);

        var json = "\uFEFF{\r\n \"hosts\": [ { \"name\": \"a\" } ]\r\n}";
        Assert.Equal("a", Assert.Single(InventoryParser.Parse(json, InventoryFormat.Native).Hosts).Name);
    }

    [Fact]
    public void Duplicate_host_names_are_an_error_naming_both()
    {
        var ex = Fails("""
            hosts:
              - { name: web-1, address: 10.0.0.1 }
              - { name: web-2, address: 10.0.0.2 }
              - { name: web-1, address: 10.0.0.3 }
            """, InventoryFormat.Native, "hosts[2].name", "'web-1'", "hosts[0]");
        Assert.Equal(4, ex.Line);

        Fails("""{ "hosts": [ { "name": "a" }, { "address": "a" } ] }""", InventoryFormat.Native, "hosts[1].name", "hosts[0]");
    }

    [Theory]
    [InlineData("hosts: [ { groups: [] } ]", "hosts[0]", "name or an address")]
    [InlineData("hosts: [ { name: \"  \" } ]", "hosts[0].name", "empty")]
    [InlineData("hosts: [ { name: a, address: \"10.0.0.1:70000\" } ]", "hosts[0].address", "65535")]
    [InlineData("hosts: [ { name: a, address: \"10.0.0.1:0\" } ]", "hosts[0].address", "65535")]
    [InlineData("hosts: [ { name: a, address: \"a:b:c\" } ]", "hosts[0].address", "IPv6")]
    [InlineData("defaults: { port: 65536 }", "defaults.port", "1-65535")]
    [InlineData("groups: { web: { port: http } }", "groups.web.port", "1-65535")]
    [InlineData("hosts: [ { name: a, groups: [wbe] } ]", "hosts[0].groups[0]", "'wbe' is not defined")]
    [InlineData("hostz: []", "hostz", "unknown field")]
    [InlineData("hosts: [ { name: a, adress: b } ]", "hosts[0].adress", "unknown field")]
    [InlineData("hosts: [ { name: a, labels: { k: [1] } } ]", "hosts[0].labels.k", "must be a string")]
    [InlineData("hosts: [ { name: a, labels: { k: } } ]", "hosts[0].labels.k", "must be a string")]
    [InlineData("hosts: { a: 1 }", "hosts", "a list of hosts")]
    [InlineData("hosts: [ web-1 ]", "hosts[0]", "must be a host mapping")]
    [InlineData("- a", "$", "must be a mapping")]
    [InlineData("defaults: { checks: [ { kind: smtp } ] }", "defaults.checks[0].kind", "not a valid check")]
    [InlineData("defaults: { checks: [ { kind: http, port: abc } ] }", "defaults.checks[0].port", "not a valid check")]
    [InlineData("defaults: { checks: [ { kind: http, pth: /x } ] }", "defaults.checks[0].pth", "unknown field 'pth'")]
    [InlineData("defaults: { checks: { kind: http } }", "defaults.checks", "a list of checks")]
    [InlineData("hosts: [ { name: a, checks: [ tcp ] } ]", "hosts[0].checks[0]", "must be a check object")]
    public void Errors_name_the_field(string text, string location, string fragment)
    {
        var ex = Fails(text, InventoryFormat.Native, location, fragment);
        Assert.NotNull(ex.Line); // YAML keeps positions
    }

    [Fact]
    public void Json_errors_name_the_field_or_the_line()
    {
        Fails("""{ "hosts": [ { "name": "a", "address": "a:99999" } ] }""", InventoryFormat.Native, "hosts[0].address", "65535");
        Fails("""{ "defaults": { "port": 1 }, "defaults": { "port": 2 } }""", InventoryFormat.Native, "defaults", "duplicate key");
        var ex = Fails("{\n  \"hosts\": [\n    { \"name\": \"a\" \n    { \"name\": \"b\" }\n  ]\n}", InventoryFormat.Native, "line 4", "JSON");
        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void Yaml_syntax_errors_and_duplicate_keys_carry_line_and_column()
    {
        var ex = Fails("hosts:\n  - name: a\n    name: b\n", InventoryFormat.Native, "line 3", "duplicate key 'name'");
        Assert.Equal(5, ex.Column);
        ex = Fails("hosts:\n  - name: 'a\n", InventoryFormat.Native, "line 2", "YAML");
        Assert.Equal(2, ex.Line);
        Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse("hosts: [ { name: a }\nx: y", InventoryFormat.Native));
        Fails("a: 1\n---\nb: 2\n", InventoryFormat.Native, "line 3", "more than one YAML document");
        Fails("hosts: *nowhere", InventoryFormat.Native, "line 1", "names no anchor");
    }

    [Fact]
    public void Yaml_errors_on_a_path_also_give_the_line()
    {
        var ex = Fails("groups:\n  web: {}\nhosts:\n  - name: a\n    groups:\n      - web\n      - dbb\n", InventoryFormat.Native, "hosts[0].groups[1]", "(line 7, column 9)");
        Assert.Equal(7, ex.Line);
        Assert.Equal(9, ex.Column);
    }

    [Fact]
    public void Alias_bombs_are_stopped_not_expanded()
    {
        // Nine levels of ten aliases each inside one check's body: 10^9 strings if expanded.
        var text = new System.Text.StringBuilder("defaults:\n  checks:\n    - kind: http\n      body:\n        l0: &a0 [lol]\n");
        for (var i = 1; i <= 9; i++)
            text.Append($"        l{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        InventoryFormatException? ex = null;
        var cpu = ThreadCpu.Of(() => ex = Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse(text.ToString(), InventoryFormat.Native)));
        // Level 7 (line 12) is where the values, counted as copies, pass 10,000,000.
        Assert.Equal("line 12", ex!.Location);
        Assert.Contains("aliases expand the document to more than 10,000,000 values", ex.Message);
        Assert.True(cpu < TimeSpan.FromSeconds(1), $"took {cpu} of CPU");
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var deep = "hosts: " + new string('[', 5000) + new string(']', 5000);
        Fails(deep, InventoryFormat.Native, "line 1", "nested more than");
        var deepJson = "{\"hosts\": " + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse(deepJson, InventoryFormat.Native));
    }

    [Fact]
    public void Hosts_become_sweep_targets()
    {
        var inventory = InventoryParser.Parse(Example, InventoryFormat.Native);
        var target = HostOf(inventory, "web-1").ToTargetSpec();
        Assert.Equal("web-1", target.Name);
        Assert.Equal("10.0.0.11:8080", target.Address);
        Assert.Equal("front", target.Labels!["tier"]);
        Assert.Equal("tcp", Assert.Single(target.Checks!).Kind);

        var bare = InventoryParser.Parse("hosts: [ { name: x } ]", InventoryFormat.Native).Hosts[0].ToTargetSpec();
        Assert.Null(bare.Checks); // no checks: the request's own apply
    }
}
