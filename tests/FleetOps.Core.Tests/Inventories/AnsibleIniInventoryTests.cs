using FleetOps.Core.Inventories;
using static FleetOps.Core.Tests.Inventories.InventoryAssert;

namespace FleetOps.Core.Tests.Inventories;

public sealed class AnsibleIniInventoryTests
{
    private static Inventory Ini(string text) => InventoryParser.Parse(text, InventoryFormat.AnsibleIni);

    private const string Example = """
        # hosts before any section are ungrouped
        mail.example.com
        ; semicolon comments too

        [web]
        web[01:03].example.com   ansible_port=8080
        web01.example.com ansible_host=10.0.0.5 ansible_port=2222 role="front end" # trailing comment

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
        ntp = 10.0.0.123
        """;

    [Fact]
    public void Reads_groups_ranges_vars_and_children()
    {
        var inventory = Ini(Example);

        Assert.Equal(
            ["mail.example.com", "web01.example.com", "web02.example.com", "web03.example.com", "db-a", "db-b", "badwolf.example.com"],
            inventory.Hosts.Select(h => h.Name));

        var web01 = HostOf(inventory, "web01.example.com");
        Assert.Equal("10.0.0.5:2222", web01.Address); // the later assignment on the host wins
        Assert.Equal(["web", "prod", "all"], web01.Groups);
        Labels(web01, ("env", "prod"), ("tier", "frontend"), ("ntp", "10.0.0.123"), ("role", "front end"), ("group", "web"));

        Assert.Equal("web02.example.com:8080", HostOf(inventory, "web02.example.com").Address);
        Assert.Equal("10.0.1.1", HostOf(inventory, "db-b").Address);
        Assert.Equal("badwolf.example.com:5309", HostOf(inventory, "badwolf.example.com").Address);
        Assert.Equal("generic", HostOf(inventory, "db-a").Labels["tier"]);

        var mail = HostOf(inventory, "mail.example.com");
        Assert.Equal("mail.example.com", mail.Address);
        Assert.Equal(["ungrouped", "all"], mail.Groups);
        Labels(mail, ("env", "unknown"), ("ntp", "10.0.0.123"), ("group", "ungrouped"));

        Assert.Equal(["all", "db", "prod", "ungrouped", "web"], inventory.GroupNames);
    }

    [Fact]
    public void Vars_precedence_is_all_then_parent_then_child_then_host()
    {
        var inventory = Ini("""
            [all:vars]
            v1=all
            v2=all
            v3=all
            v4=all
            [parent:children]
            child
            [parent:vars]
            v2=parent
            v3=parent
            v4=parent
            [child]
            h v4=host
            [child:vars]
            v3=child
            v4=child
            """);
        Labels(HostOf(inventory, "h"), ("v1", "all"), ("v2", "parent"), ("v3", "child"), ("v4", "host"), ("group", "child"));
        Assert.Equal(["child", "parent", "all"], HostOf(inventory, "h").Groups);
    }

    [Fact]
    public void Same_depth_groups_apply_by_priority_then_name()
    {
        const string groups = """
            [b]
            h
            [a]
            h
            [a:vars]
            v=a
            [b:vars]
            v=b
            """;
        Assert.Equal("b", HostOf(Ini(groups), "h").Labels["v"]); // equal priority: by name, b after a
        var prioritized = HostOf(Ini(groups + "\n[a:vars]\nansible_group_priority=10\n"), "h");
        Assert.Equal("a", prioritized.Labels["v"]); // higher priority applies later, so wins
        Assert.False(prioritized.Labels.ContainsKey("ansible_group_priority"));
        Assert.Equal(["b", "a", "all"], HostOf(Ini(groups), "h").Groups); // listed order, ancestors after
    }

    [Fact]
    public void A_host_in_several_groups_is_one_host_with_all_its_groups()
    {
        var inventory = Ini("""
            [ungrouped]
            both
            alone
            [web]
            both x=1
            [db]
            both x=2 y=3
            """);
        var both = HostOf(inventory, "both");
        Assert.Equal(["web", "db", "all"], both.Groups); // not 'ungrouped' once it is in a real group
        Labels(both, ("x", "2"), ("y", "3"), ("group", "web"));
        Assert.Equal(["ungrouped", "all"], HostOf(inventory, "alone").Groups);
        Assert.Equal(2, inventory.Hosts.Count);
    }

    [Theory]
    [InlineData("web[01:03]", "web01,web02,web03")]
    [InlineData("web[1:3].example.com", "web1.example.com,web2.example.com,web3.example.com")]
    [InlineData("web[08:11]", "web08,web09,web10,web11")]
    [InlineData("db-[a:c]", "db-a,db-b,db-c")]
    [InlineData("x[y:B]", "xy,xz,xA,xB")]
    [InlineData("n[1:10:3]", "n1,n4,n7,n10")]
    [InlineData("n[1:10:2]", "n1,n3,n5,n7,n9")]
    [InlineData("n[:2]", "n0,n1,n2")]
    [InlineData("r[1:2]-n[a:b]", "r1-na,r1-nb,r2-na,r2-nb")]
    [InlineData("[a:b].example", "a.example,b.example")]
    [InlineData("n[7:7]", "n7")]
    [InlineData("web[01:02]:2222", "web01,web02")]
    public void Ranges_expand(string pattern, string expected)
    {
        var inventory = Ini($"[g]\n{pattern}\n");
        Assert.Equal(expected.Split(','), inventory.Hosts.Select(h => h.Name));
        if (pattern.EndsWith(":2222")) Assert.All(inventory.Hosts, h => Assert.EndsWith(":2222", h.Address));
    }

    [Theory]
    [InlineData("web[05:01]", "goes down")]
    [InlineData("web[a:5]", "numbers (01:20) or single letters")]
    [InlineData("web[aa:ab]", "numbers (01:20) or single letters")]
    [InlineData("web[001:20]", "at least as many digits")]
    [InlineData("web[1:]", "has no end")]
    [InlineData("web[1:5:0]", "step")]
    [InlineData("web[1:5:x]", "step")]
    [InlineData("web[1]", "[begin:end]")]
    [InlineData("web[1:2:3:4]", "[begin:end]")]
    [InlineData("web[1:5", "'[' without ']'")]
    [InlineData("web1:5]", "']' without '['")]
    [InlineData("web[1:[2:3]]", "'[' without ']'")]
    [InlineData("node[1:99999999]", "expands to 99,999,999 hosts; an inventory holds at most 1,000,000")]
    [InlineData("a[1:1000]b[1:1000]c[1:10]", "expands to 10,000,000 hosts")]
    public void Bad_ranges_are_errors_on_their_line(string pattern, string fragment)
    {
        var ex = Fails($"[g]\nok\n\n{pattern} x=1\n", InventoryFormat.AnsibleIni, "line 4", fragment, pattern);
        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void Comments_blank_lines_crlf_and_bom_are_fine()
    {
        var inventory = Ini("\uFEFF# top\r\n\r\n[web]\r\n; note\r\n  web1 a=1  \r\n#web2\r\nweb3 # inline\r\n[web:vars]\r\nb=2\r\n");
        Assert.Equal(["web1", "web3"], inventory.Hosts.Select(h => h.Name));
        Labels(HostOf(inventory, "web1"), ("a", "1"), ("b", "2"), ("group", "web"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n  \n")]
    [InlineData("# only a comment\n; and another")]
    [InlineData("[all:vars]\nx=1\n[empty]\n")]
    public void Empty_inventories_have_no_hosts(string text) => Assert.Empty(Ini(text).Hosts);

    [Fact]
    public void IPv6_addresses_in_ansible_host_and_as_names()
    {
        var inventory = Ini("""
            [v6]
            a ansible_host=2001:db8::10 ansible_port=22
            b ansible_host=fe80::1%eth0
            c ansible_host=[2001:db8::11]
            [2001:db8::1]:2222
            2001:db8::2
            d ansible_host=10.0.0.1
            """);
        Assert.Equal("[2001:db8::10]:22", HostOf(inventory, "a").Address);
        Assert.Equal("[fe80::1%eth0]", HostOf(inventory, "b").Address);
        Assert.Equal("[2001:db8::11]", HostOf(inventory, "c").Address);
        Assert.Equal("[2001:db8::1]:2222", HostOf(inventory, "2001:db8::1").Address);
        Assert.Equal("[2001:db8::2]", HostOf(inventory, "2001:db8::2").Address);
        Assert.Equal("10.0.0.1", HostOf(inventory, "d").Address);
    }

    [Fact]
    public void Quoting_follows_the_shell_as_in_ansible()
    {
        var inventory = Ini("""
            [g]
            h1 motd="hello # world" path='C:\temp' esc="say \"hi\"" plain=a\ b
            h2 pass=abc#def
            [g:vars]
            quoted="two words"
            hash=x # kept, as Ansible keeps it
            """);
        var h1 = HostOf(inventory, "h1");
        Assert.Equal("hello # world", h1.Labels["motd"]);
        Assert.Equal(@"C:\temp", h1.Labels["path"]);
        Assert.Equal("say \"hi\"", h1.Labels["esc"]);
        Assert.Equal("a b", h1.Labels["plain"]);
        Assert.Equal("abc", HostOf(inventory, "h2").Labels["pass"]); // '#' starts a comment outside quotes
        Assert.Equal("two words", h1.Labels["quoted"]);
        Assert.Equal("x # kept, as Ansible keeps it", h1.Labels["hash"]);
    }

    [Fact]
    public void Children_may_be_declared_after_they_are_named()
    {
        var inventory = Ini("[parent:children]\nchild\n[parent:vars]\np=1\n[child]\nh\n");
        Assert.Equal(["child", "parent", "all"], HostOf(inventory, "h").Groups);
        Assert.Equal("1", HostOf(inventory, "h").Labels["p"]);
        // A group declared only as [x:children] is declared too, and so may hold vars.
        Assert.Single(Ini("[x:vars]\na=1\n[x:children]\ny\n[y]\nh\n").Hosts);
    }

    [Fact]
    public void Children_cycles_are_errors_naming_the_cycle()
    {
        var ex = Fails("[a:children]\nb\n[b:children]\nc\n[c:children]\na\n[c]\nh\n", InventoryFormat.AnsibleIni, "line 6", "cycle", "a -> b -> c -> a");
        Assert.Equal(6, ex.Line);
        Fails("[a:children]\na\n", InventoryFormat.AnsibleIni, "line 2", "child of itself");
        Fails("[a:children]\nall\n", InventoryFormat.AnsibleIni, "line 2", "'all' cannot be a child");
    }

    [Theory]
    [InlineData("[web:vars]\nx=1\n", "line 1", "never declared")]
    [InlineData("[a]\nh\n[a:children]\nghost\n", "line 4", "'ghost'")]
    [InlineData("[web:hosts2]\n", "line 1", "unknown type 'hosts2'")]
    [InlineData("[web group]\n", "line 1", "no spaces")]
    [InlineData("[web]\nh1 role\n", "line 2", "expected key=value")]
    [InlineData("[web]\nh1 =x\n", "line 2", "expected key=value")]
    [InlineData("[web:vars]\njust words\n[web]\n", "line 2", "expected key=value")]
    [InlineData("[web:children]\na b\n[a]\n[b]\n", "line 2", "one group name")]
    [InlineData("[web]\nh1 ansible_port=99999\n", "line 2", "not a port")]
    [InlineData("[web]\nh1 ansible_port=ssh\n", "line 2", "not a port")]
    [InlineData("[web]\nh1:0\n", "line 2", "1-65535")]
    [InlineData("[web]\nh1:65536\n", "line 2", "1-65535")]
    [InlineData("[web]\na:b:c\n", "line 2", "more than one ':'")]
    [InlineData("[web]\nh1 x=\"open\n", "line 2", "unclosed")]
    [InlineData("[all:vars]\nansible_port=0\n", "line 2", "not a port")]
    [InlineData("[web]\nh1 ansible_host=10.0.0.1:22 ansible_port=23\n", "line 2", "address")]
    public void Errors_name_the_line(string text, string location, string fragment) =>
        Fails(text, InventoryFormat.AnsibleIni, location, fragment);
}
