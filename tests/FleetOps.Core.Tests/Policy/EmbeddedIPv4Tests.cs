using System.Net;
using FleetOps.Core.Policy;

namespace FleetOps.Core.Tests.Policy;

/// <summary>
/// The normalisation table: every IPv6 form that embeds an IPv4 address, written out by hand here (not with the code
/// under test), against the default deny ranges and an operator's own.
/// </summary>
public sealed class EmbeddedIPv4Tests
{
    /// <summary>Each form, as text, for an IPv4 address a.b.c.d.</summary>
    private static readonly Dictionary<string, Func<byte[], string>> Forms = new()
    {
        ["mapped"] = v => $"::ffff:{Dotted(v)}",
        ["compatible"] = v => $"::{Dotted(v)}",
        ["translated"] = v => $"::ffff:0:{Dotted(v)}",
        ["nat64"] = v => $"64:ff9b::{Dotted(v)}",
        ["nat64-hex"] = v => $"64:ff9b::{v[0]:x2}{v[1]:x2}:{v[2]:x2}{v[3]:x2}",
        ["local-use/96"] = v => $"64:ff9b:1::{Dotted(v)}",
        ["local-use/96-subnet"] = v => $"64:ff9b:1:ab:cd::{Dotted(v)}",
        // RFC 6052 2.2: a.b in bits 48-63, bits 64-71 zero, c.d in bits 72-87.
        ["local-use/48"] = v => $"64:ff9b:1:{v[0]:x2}{v[1]:x2}:{v[2]:x}:{v[3]:x2}00::",
        ["local-use/56"] = v => $"64:ff9b:1:{v[0]:x}:{v[1]:x}:{v[2]:x2}{v[3]:x2}::",
        ["local-use/64"] = v => $"64:ff9b:1:0:{v[0]:x}:{v[1]:x2}{v[2]:x2}:{v[3]:x2}00:0",
        ["6to4"] = v => $"2002:{v[0]:x2}{v[1]:x2}:{v[2]:x2}{v[3]:x2}::1",
        ["6to4-subnet"] = v => $"2002:{v[0]:x2}{v[1]:x2}:{v[2]:x2}{v[3]:x2}:42:1:2:3:4",
        // Teredo: server 65.54.227.120, then flags and port, then the client's address with every bit inverted.
        ["teredo"] = v => $"2001:0:4136:e378:8000:63bf:{255 - v[0]:x2}{255 - v[1]:x2}:{255 - v[2]:x2}{255 - v[3]:x2}",
    };

    public static TheoryData<string, string, string> DefaultDenials()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var form in Forms.Keys)
        {
            data.Add(form, "169.254.169.254", "169.254.0.0/16"); // the metadata endpoint
            data.Add(form, "169.254.0.1", "169.254.0.0/16");     // link-local
            data.Add(form, "169.254.255.255", "169.254.0.0/16");
            data.Add(form, "100.100.100.200", "100.100.100.200/32");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DefaultDenials))]
    public void Default_policy_denies_every_form_of_a_denied_address(string form, string ipv4, string network)
    {
        var address = IPAddress.Parse(Forms[form](IPAddress.Parse(ipv4).GetAddressBytes()));

        var reason = TargetPolicy.Default.CheckAddress(address);

        Assert.NotNull(reason);
        Assert.Contains(network, reason);
        if (form != "mapped") Assert.Contains(ipv4, reason);
    }

    public static TheoryData<string> FormNames() => [.. Forms.Keys];

    [Theory]
    [MemberData(nameof(FormNames))]
    public void Operator_deny_ranges_cover_every_form(string form)
    {
        var policy = new TargetPolicy(deny: ["127.0.0.0/8", "10.0.0.0/8"]);

        foreach (var ipv4 in new[] { "127.0.0.1", "127.255.0.9", "10.0.0.1", "10.200.30.4" })
        {
            var reason = policy.CheckAddress(IPAddress.Parse(Forms[form](IPAddress.Parse(ipv4).GetAddressBytes())));
            Assert.NotNull(reason);
            Assert.Contains(ipv4.StartsWith("127", StringComparison.Ordinal) ? "127.0.0.0/8" : "10.0.0.0/8", reason);
        }
    }

    [Theory]
    [MemberData(nameof(FormNames))]
    public void Forms_of_an_address_nobody_denies_stay_allowed(string form)
    {
        var address = IPAddress.Parse(Forms[form]([192, 0, 2, 10]));

        Assert.Null(TargetPolicy.Default.CheckAddress(address));
        Assert.Null(new TargetPolicy(deny: ["127.0.0.0/8"]).CheckAddress(address));
    }

    [Theory]
    [MemberData(nameof(FormNames))]
    public void Find_reads_the_embedded_address(string form)
    {
        var address = IPAddress.Parse(Forms[form]([198, 51, 100, 7]));

        var found = form == "mapped" ? [(EmbeddedIPv4.Normalize(address), "mapped")] : EmbeddedIPv4.Find(address);

        Assert.Contains(found, f => f.Item1.Equals(IPAddress.Parse("198.51.100.7")));
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("2001:db8::1")]      // documentation prefix: no IPv4 inside
    [InlineData("fd00::a9fe:a9fe")]  // ULA ending like 169.254.169.254: not a form that embeds it
    [InlineData("64:ff9a::a9fe:a9fe")]
    [InlineData("2003:a9fe:a9fe::1")]
    [InlineData("2001:1::5695:5601")] // 2001:1::/32 is not Teredo's 2001:0::/32
    [InlineData("169.254.169.254")]
    public void Addresses_of_no_embedding_form_embed_nothing(string text) =>
        Assert.Empty(EmbeddedIPv4.Find(IPAddress.Parse(text)));

    [Theory]
    [InlineData("fd00::a9fe:a9fe")]
    [InlineData("2003:a9fe:a9fe::1")]
    [InlineData("2001:1::5695:5601")]
    public void Lookalikes_outside_the_embedding_prefixes_are_not_denied(string text) =>
        Assert.Null(TargetPolicy.Default.CheckAddress(IPAddress.Parse(text)));

    [Fact]
    public void Allow_networks_match_the_IPv6_address_itself_not_the_IPv4_inside()
    {
        var policy = new TargetPolicy(allow: ["10.0.0.0/8"]);

        Assert.Null(policy.CheckAddress(IPAddress.Parse("10.0.0.1")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("::ffff:10.0.0.1"))); // mapped: the socket sends IPv4 to 10.0.0.1
        foreach (var form in Forms.Keys.Where(f => f != "mapped"))
        {
            var reason = policy.CheckAddress(IPAddress.Parse(Forms[form]([10, 0, 0, 1])));
            Assert.NotNull(reason);
            Assert.Contains("not in any allowed network", reason);
            Assert.Contains("does not count", reason);
        }
    }

    [Fact]
    public void Allowing_the_NAT64_prefix_opens_it_but_deny_ranges_still_judge_the_address_inside()
    {
        var policy = new TargetPolicy(allow: ["64:ff9b::/96"], deny: ["10.1.0.0/16"]);

        Assert.Null(policy.CheckAddress(IPAddress.Parse("64:ff9b::10.2.0.1")));
        Assert.Contains("10.1.0.0/16", policy.CheckAddress(IPAddress.Parse("64:ff9b::10.1.0.1")));
        Assert.Contains("169.254.0.0/16", policy.CheckAddress(IPAddress.Parse("64:ff9b::169.254.169.254")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("10.2.0.1"))); // the IPv4 address directly is not allowed
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("::")]
    [InlineData("::ffff:0.0.0.0")]
    public void This_host_is_denied_by_default_even_when_everything_is_allowed(string text)
    {
        var reason = new TargetPolicy(allow: ["0.0.0.0/0", "::/0"]).CheckAddress(IPAddress.Parse(text));

        Assert.NotNull(reason);
        Assert.Contains("this host", reason);
    }

    [Theory]
    [InlineData("fe80::1%1")]
    [InlineData("fe80::a9fe:a9fe%1")]
    [InlineData("fe80::1%2")]
    public void Scoped_link_local_addresses_are_denied(string text)
    {
        var reason = TargetPolicy.Default.CheckAddress(IPAddress.Parse(text));

        Assert.NotNull(reason);
        Assert.Contains("fe80::/10", reason);
    }

    [Theory]
    [InlineData("0x7f.1")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0177.0.0.1")]
    [InlineData("017700000001")]
    [InlineData("0x7f000001")]
    [InlineData("::ffff:7f00:1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    public void Odd_spellings_of_a_denied_address_are_denied(string host)
    {
        var reason = new TargetPolicy(deny: ["127.0.0.1"]).CheckHost(host);

        Assert.NotNull(reason);
        Assert.Contains("127.0.0.1/32", reason);
    }

    [Fact]
    public void Mapped_form_networks_in_the_policy_mean_their_IPv4_network()
    {
        var policy = new TargetPolicy(allow: ["::ffff:10.0.0.0/104"], deny: ["::ffff:10.9.9.9"]);

        Assert.Null(policy.CheckAddress(IPAddress.Parse("10.1.2.3")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.Contains("10.9.9.9/32", policy.CheckAddress(IPAddress.Parse("10.9.9.9")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("11.0.0.1")));
    }

    private static string Dotted(byte[] v) => $"{v[0]}.{v[1]}.{v[2]}.{v[3]}";
}
