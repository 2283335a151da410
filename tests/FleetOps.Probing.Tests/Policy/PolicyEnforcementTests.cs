using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Policy;

/// <summary>The policy holds at connect time: a denied target gets no packet, whatever name it hides behind.</summary>
public sealed class PolicyEnforcementTests
{
    private static readonly IPAddress Second = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Tcp_probe_to_a_denied_address_sends_nothing()
    {
        var listener = ProbeFixtures.Listen(Second);
        try
        {
            using var prober = new FleetProber(new TargetPolicy(deny: ["127.0.0.2/32"]));

            var check = await prober.CheckAsync(ProbeFixtures.Tcp($"127.0.0.2:{listener.Port()}"), ProbeFixtures.Options(attempts: 3));

            Assert.False(check.Ok);
            Assert.Equal(ErrorKind.Denied, check.Error?.Kind);
            Assert.Contains("127.0.0.2/32", check.Error!.Message);
            Assert.Equal(1, check.Attempts);
            Assert.False(listener.Pending(), "the denied listener got a connection");

            // Control: the same probe under a policy that allows it does reach the listener.
            using var allowed = new FleetProber(TargetPolicy.Default);
            Assert.True((await allowed.CheckAsync(ProbeFixtures.Tcp($"127.0.0.2:{listener.Port()}"))).Ok);
            Assert.True(listener.Pending());
        }
        finally { listener.Stop(); }
    }

    [Fact]
    public async Task Http_probe_to_a_denied_address_sends_nothing()
    {
        await using var server = new LoopbackHttpServer(x => x.RespondAsync(200), Second);
        using var prober = new FleetProber(new TargetPolicy(deny: ["127.0.0.2/32"]));

        var check = await prober.CheckAsync(ProbeFixtures.Http(server.Address), ProbeFixtures.Options(attempts: 3));

        Assert.Equal(ErrorKind.Denied, check.Error?.Kind);
        Assert.Equal(1, check.Attempts);
        Assert.Equal(0, server.Connections);

        using var allowed = new FleetProber(TargetPolicy.Default);
        Assert.True((await allowed.CheckAsync(ProbeFixtures.Http(server.Address))).Ok);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task Address_outside_the_allow_list_is_denied()
    {
        var listener = ProbeFixtures.Listen(Second);
        try
        {
            using var prober = new FleetProber(new TargetPolicy(allow: ["127.0.0.1/32"]));

            var check = await prober.CheckAsync(ProbeFixtures.Tcp($"127.0.0.2:{listener.Port()}"));

            Assert.Equal(ErrorKind.Denied, check.Error?.Kind);
            Assert.Contains("127.0.0.1/32", check.Error!.Message);
            Assert.False(listener.Pending());
        }
        finally { listener.Stop(); }
    }

    [Theory]
    [InlineData("169.254.169.254:80")]
    [InlineData("[fe80::1]:80")]
    [InlineData("[::ffff:169.254.169.254]:80")]
    [InlineData("2852039166:80")]
    [InlineData("metadata.google.internal:80")]
    public async Task Default_policy_denies_metadata_targets(string address)
    {
        using var prober = new FleetProber(TargetPolicy.Default);

        var tcp = await prober.CheckAsync(ProbeFixtures.Tcp(address));
        var http = await prober.CheckAsync(ProbeFixtures.Http(address));

        Assert.Equal(ErrorKind.Denied, tcp.Error?.Kind);
        Assert.Equal(ErrorKind.Denied, http.Error?.Kind);
    }

    [Fact]
    public async Task Http_url_to_a_metadata_address_is_denied()
    {
        using var prober = new FleetProber(TargetPolicy.Default);
        var task = new ProbeTask(new Target("web", "127.0.0.1"),
            [new HttpCheck { Url = "http://169.254.169.254/latest/meta-data/" }]);

        var check = await prober.CheckAsync(task);

        Assert.Equal(ErrorKind.Denied, check.Error?.Kind);
    }

    [Fact]
    public async Task Name_that_resolves_to_a_denied_address_is_denied()
    {
        var v4 = ProbeFixtures.Listen(IPAddress.Loopback);
        var v6 = ProbeFixtures.Listen(IPAddress.IPv6Loopback);
        try
        {
            using var prober = new FleetProber(new TargetPolicy(deny: ["127.0.0.0/8", "::1/128"]));

            var tcp = await prober.CheckAsync(ProbeFixtures.Tcp($"localhost:{v4.Port()}"));
            var http = await prober.CheckAsync(ProbeFixtures.Http($"localhost:{v4.Port()}"));

            Assert.Equal(ErrorKind.Denied, tcp.Error?.Kind);
            Assert.Equal(ErrorKind.Denied, http.Error?.Kind);
            Assert.False(v4.Pending());

            // Control: the name resolves and connects when the policy allows loopback.
            using var allowed = new FleetProber(TargetPolicy.Default);
            Assert.True((await allowed.CheckAsync(ProbeFixtures.Tcp($"localhost:{v4.Port()}"))).Ok);
        }
        finally
        {
            v4.Stop();
            v6.Stop();
        }
    }

    [Fact]
    public async Task Connector_refuses_before_resolving_a_denied_host_name()
    {
        var connector = new PolicyConnector(TargetPolicy.Default);

        var e = await Assert.ThrowsAsync<PolicyDeniedException>(() => connector.ConnectAsync("metadata.google.internal", 80, CancellationToken.None));
        Assert.Contains("metadata.google.internal", e.Message);
    }

    [Fact]
    public async Task Connector_connects_to_an_allowed_address()
    {
        var listener = ProbeFixtures.Listen();
        try
        {
            var connector = new PolicyConnector(ProbeFixtures.LoopbackOnly());

            using var socket = await connector.ConnectAsync("127.0.0.1", listener.Port(), CancellationToken.None);

            Assert.True(socket.Connected);
            Assert.Equal(AddressFamily.InterNetwork, socket.AddressFamily);
        }
        finally { listener.Stop(); }
    }
}
