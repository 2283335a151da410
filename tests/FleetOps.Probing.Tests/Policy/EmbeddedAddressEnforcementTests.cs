using System.Net;
using FleetOps.Core.Checks;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Probing.Actions;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Policy;

/// <summary>
/// Other spellings of a denied address are denied for every check kind, redirects and node actions, and the
/// listener behind them sees no connection. Loopback stands in for the metadata endpoint: a listener on 127.0.0.2
/// under a policy that denies 127.0.0.2, and 0.0.0.0 / :: (this host), which a connect sends to 127.0.0.1 / ::1.
/// </summary>
public sealed class EmbeddedAddressEnforcementTests
{
    private static readonly IPAddress Second = IPAddress.Parse("127.0.0.2");
    private static readonly TargetPolicy DenySecond = new(deny: ["127.0.0.2/32"]);

    /// <summary>Ways to write 127.0.0.2 (or reach it) that are not "127.0.0.2".</summary>
    public static TheoryData<string> SecondSpellings() =>
        ["[::ffff:127.0.0.2]", "[::ffff:7f00:2]", "127.2", "2130706434", "0x7f.2", "0177.0.0.2", "[::127.0.0.2]", "[64:ff9b::7f00:2]"];

    /// <summary>The four the attack run used, each embedding 169.254.169.254, plus Teredo and local-use NAT64.</summary>
    public static TheoryData<string> MetadataForms() =>
        ["[64:ff9b::a9fe:a9fe]", "[::169.254.169.254]", "[2002:a9fe:a9fe::1]", "[::ffff:0:a9fe:a9fe]", "[2001:0:4136:e378:8000:63bf:5601:5601]", "[64:ff9b:1::a9fe:a9fe]"];

    [Theory]
    [MemberData(nameof(SecondSpellings))]
    public async Task Tcp_tls_and_http_to_another_spelling_of_a_denied_address_connect_nowhere(string host)
    {
        var listener = ProbeFixtures.Listen(Second);
        try
        {
            using var prober = new FleetProber(DenySecond);
            var address = $"{host}:{listener.Port()}";

            foreach (var check in new CheckSpec[] { new TcpCheck(), new TlsCheck(), new HttpCheck() })
            {
                var result = await prober.CheckAsync(ProbeKit.Task(address, check), ProbeFixtures.Options(attempts: 2));
                Assert.True(ErrorKind.Denied == result.Error?.Kind, $"{check.Kind} {address}: {result.Error?.Kind} {result.Error?.Message}");
                Assert.Equal(1, result.Attempts);
            }
            Assert.False(listener.Pending(), "the denied listener got a connection");
        }
        finally { listener.Stop(); }
    }

    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("0", "127.0.0.1")]
    [InlineData("[::]", "::1")]
    [InlineData("[::ffff:0.0.0.0]", "127.0.0.1")]
    public async Task This_host_is_denied_even_by_a_policy_that_allows_everything(string host, string reachedAt)
    {
        var listener = ProbeFixtures.Listen(IPAddress.Parse(reachedAt));
        try
        {
            using var prober = new FleetProber(new TargetPolicy(allow: ["0.0.0.0/0", "::/0"], deny: ["127.0.0.0/8", "::1/128"]));
            var address = $"{host}:{listener.Port()}";

            foreach (var check in new CheckSpec[] { new TcpCheck(), new HttpCheck() })
            {
                var result = await prober.CheckAsync(ProbeKit.Task(address, check));
                Assert.True(ErrorKind.Denied == result.Error?.Kind, $"{check.Kind} {address}: {result.Error?.Kind} {result.Error?.Message}");
            }
            Assert.False(listener.Pending(), $"{host} reached the listener on {reachedAt}");
        }
        finally { listener.Stop(); }
    }

    [Theory]
    [MemberData(nameof(MetadataForms))]
    public async Task Every_kind_denies_the_IPv6_forms_of_the_metadata_endpoint(string host)
    {
        using var prober = new FleetProber(TargetPolicy.Default);
        var checks = new CheckSpec[]
        {
            new TcpCheck(), new TlsCheck(), new HttpCheck(),
            new HttpCheck { Url = $"http://{host}/latest/meta-data/" },
            new DnsCheck { Name = "example.test", Resolver = $"{host}:53" },
        };

        foreach (var check in checks)
        {
            var result = await prober.CheckAsync(ProbeKit.Task($"{host}:80", check), ProbeFixtures.Options(attempts: 2));
            Assert.True(ErrorKind.Denied == result.Error?.Kind, $"{check.Kind} {host}: {result.Error?.Kind} {result.Error?.Message}");
            Assert.Contains("169.254.169.254", result.Error!.Message);
        }
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("[::ffff:127.0.0.2]")]
    [InlineData("[::ffff:0.0.0.0]")]
    public async Task Dns_resolver_written_another_way_gets_no_query(string host)
    {
        // 0.0.0.0 delivers to 127.0.0.1; the server on 127.0.0.2 stands in for a denied resolver.
        await using var dns = new TinyDnsServer(host.Contains("127.0.0.2") ? Second : IPAddress.Loopback).Address("www.test", "10.0.0.1");
        using var prober = new FleetProber(new TargetPolicy(deny: ["127.0.0.2/32"]));
        var port = dns.Resolver[(dns.Resolver.LastIndexOf(':') + 1)..];
        var check = new DnsCheck { Name = "www.test", Resolver = $"{host}:{port}" };

        var result = await prober.CheckAsync(ProbeKit.Task("node", check));

        Assert.True(ErrorKind.Denied == result.Error?.Kind, $"{result.Error?.Kind} {result.Error?.Message}");
        Assert.Equal(0, dns.Queries);
    }

    [Theory]
    [InlineData("http://[::ffff:127.0.0.2]:{0}/")]
    [InlineData("http://2130706434:{0}/")]
    [InlineData("http://0x7f.2:{0}/")]
    public async Task Redirect_to_another_spelling_of_a_denied_address_is_denied(string location)
    {
        var denied = ProbeFixtures.Listen(Second);
        try
        {
            var target = string.Format(System.Globalization.CultureInfo.InvariantCulture, location, denied.Port());
            await using var redirector = new LoopbackHttpServer(x => x.WriteRawAsync($"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            using var prober = new FleetProber(DenySecond);
            var check = new HttpCheck { FollowRedirects = true };

            var result = await prober.CheckAsync(ProbeKit.Task(redirector.Address, check));

            Assert.True(ErrorKind.Denied == result.Error?.Kind, $"{result.Error?.Kind} {result.Error?.Message}");
            Assert.Equal(1, redirector.Connections);
            Assert.False(denied.Pending(), "the redirect reached the denied listener");
        }
        finally { denied.Stop(); }
    }

    [Theory]
    [InlineData("[::ffff:127.0.0.2]")]
    [InlineData("2130706434")]
    [InlineData("[64:ff9b::7f00:2]")]
    [InlineData("[64:ff9b::a9fe:a9fe]")]
    [InlineData("[::169.254.169.254]")]
    [InlineData("[2002:a9fe:a9fe::1]")]
    [InlineData("[::ffff:0:a9fe:a9fe]")]
    public async Task Node_action_to_another_spelling_of_a_denied_address_is_denied_without_retries(string host)
    {
        var listener = ProbeFixtures.Listen(Second);
        try
        {
            using var client = new NodeActionClient(DenySecond, retryBackoff: TimeSpan.FromMilliseconds(10));
            var action = new ActionSpec { Url = "http://{{address}}/deploy", Retries = 2 };

            var result = await client.ExecuteAsync(new Target("web-1", $"{host}:{listener.Port()}"), action, "run-1/web-1", CancellationToken.None);

            Assert.False(result.Ok);
            Assert.True(ErrorKind.Denied == result.Error?.Kind, $"{result.Error?.Kind} {result.Error?.Message}");
            Assert.Equal(1, result.Attempts);
            Assert.False(listener.Pending(), "the action reached the denied listener");
        }
        finally { listener.Stop(); }
    }

}

