using System.Net;
using FleetOps.Core.Policy;

namespace FleetOps.Core.Tests.Policy;

public sealed class TargetPolicyTests
{
    [Theory]
    [InlineData("169.254.169.254", "169.254.0.0/16")]
    [InlineData("169.254.0.1", "169.254.0.0/16")]
    [InlineData("fe80::1", "fe80::/10")]
    [InlineData("febf::1", "fe80::/10")]
    [InlineData("::ffff:169.254.169.254", "169.254.0.0/16")]
    [InlineData("100.100.100.200", "100.100.100.200/32")]
    [InlineData("fd00:ec2::254", "fd00:ec2::254/128")]
    public void Default_denies_link_local_and_metadata_addresses(string address, string network)
    {
        var reason = TargetPolicy.Default.CheckAddress(IPAddress.Parse(address));

        Assert.NotNull(reason);
        Assert.Contains(network, reason);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("::1")]
    [InlineData("fd00::2")]
    [InlineData("fec0::1")]
    [InlineData("169.255.0.1")]
    [InlineData("100.100.100.201")]
    public void Default_allows_everything_else(string address) =>
        Assert.Null(TargetPolicy.Default.CheckAddress(IPAddress.Parse(address)));

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("METADATA.Google.Internal")]
    [InlineData("metadata.google.internal.")]
    [InlineData("metadata")]
    [InlineData("metadata.azure.internal")]
    [InlineData("instance-data.ec2.internal")]
    public void Default_denies_metadata_host_names(string host)
    {
        var reason = TargetPolicy.Default.CheckHost(host);

        Assert.NotNull(reason);
        Assert.Contains(host, reason);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("2852039166")] // 169.254.169.254 as one decimal number
    public void Check_host_applies_the_address_rules_to_literals(string host) =>
        Assert.NotNull(TargetPolicy.Default.CheckHost(host));

    [Theory]
    [InlineData("web-1")]
    [InlineData("metadata.example.com")]
    [InlineData("google.internal")]
    [InlineData("127.0.0.1")]
    public void Check_host_allows_other_names(string host) => Assert.Null(TargetPolicy.Default.CheckHost(host));

    [Fact]
    public void Extra_denied_hosts_are_added_to_the_defaults()
    {
        var policy = new TargetPolicy(denyHosts: ["vault.corp"]);

        Assert.NotNull(policy.CheckHost("Vault.Corp"));
        Assert.NotNull(policy.CheckHost("metadata.google.internal"));
        Assert.Null(policy.CheckHost("web.corp"));
    }

    [Fact]
    public void Allow_list_allows_its_networks_only_and_names_them_in_the_denial()
    {
        var policy = new TargetPolicy(allow: ["127.0.0.0/8", "192.168.10.0/24"]);

        Assert.Null(policy.CheckAddress(IPAddress.Parse("127.0.0.5")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("192.168.10.77")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("::ffff:127.0.0.5")));

        var reason = policy.CheckAddress(IPAddress.Parse("10.1.2.3"));
        Assert.NotNull(reason);
        Assert.Contains("10.1.2.3", reason);
        Assert.Contains("127.0.0.0/8", reason);
        Assert.Contains("192.168.10.0/24", reason);

        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("192.168.11.1")));
        Assert.NotNull(policy.CheckAddress(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void Allow_list_does_not_override_the_default_denials()
    {
        var policy = new TargetPolicy(allow: ["0.0.0.0/0", "::/0"]);

        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("169.254.169.254")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("fe80::1")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void Deny_wins_over_allow()
    {
        var policy = new TargetPolicy(allow: ["10.0.0.0/8"], deny: ["10.1.0.0/16"]);

        var reason = policy.CheckAddress(IPAddress.Parse("10.1.2.3"));
        Assert.NotNull(reason);
        Assert.Contains("10.1.0.0/16", reason);
        Assert.Null(policy.CheckAddress(IPAddress.Parse("10.2.0.1")));
    }

    [Fact]
    public void Bare_addresses_are_single_host_networks()
    {
        var policy = new TargetPolicy(deny: ["10.9.9.9", " 2001:db8::5 "]);

        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("10.9.9.9")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("10.9.9.8")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("2001:db8::5")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("2001:db8::6")));
    }

    [Fact]
    public void Network_written_with_host_bits_covers_the_whole_network()
    {
        var policy = new TargetPolicy(deny: ["10.0.0.1/8"]);

        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("10.200.0.1")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("11.0.0.1")));
    }

    [Fact]
    public void Blank_entries_are_ignored()
    {
        var policy = new TargetPolicy(allow: ["", "  ", "127.0.0.0/8"]);
        Assert.Null(policy.CheckAddress(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not-a-network")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("::1/129")]
    public void Bad_cidr_throws_naming_it(string cidr)
    {
        var allow = Assert.Throws<ArgumentException>(() => new TargetPolicy(allow: [cidr]));
        Assert.Contains($"'{cidr}'", allow.Message);
        Assert.Contains("allow", allow.Message);

        var deny = Assert.Throws<ArgumentException>(() => new TargetPolicy(deny: ["10.0.0.0/8", cidr]));
        Assert.Contains($"'{cidr}'", deny.Message);
        Assert.Contains("deny", deny.Message);
    }

    [Fact]
    public void From_options_uses_all_three_lists()
    {
        var policy = TargetPolicy.From(new PolicyOptions { Allow = ["10.0.0.0/8"], Deny = ["10.0.0.1/32"], DenyHosts = ["bastion"] });

        Assert.Null(policy.CheckAddress(IPAddress.Parse("10.0.0.2")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("10.0.0.1")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("11.0.0.1")));
        Assert.NotNull(policy.CheckHost("bastion"));
    }
}
