using System.Net;
using FleetOps.Core.Checks;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Policy;

/// <summary>Names whose answers are other spellings of a denied address: the connector judges what it resolved.</summary>
public sealed class ResolvedAddressEnforcementTests
{
    private static Func<string, CancellationToken, Task<IPAddress[]>> Answers(params string[] addresses) =>
        (_, _) => Task.FromResult(addresses.Select(IPAddress.Parse).ToArray());

    [Theory]
    [InlineData("64:ff9b::a9fe:a9fe", "169.254.0.0/16")] // a DNS64 resolver's answer for a metadata name
    [InlineData("::ffff:169.254.169.254", "169.254.0.0/16")]
    [InlineData("2002:a9fe:a9fe::1", "169.254.0.0/16")]
    [InlineData("fe80::1%1", "fe80::/10")]
    [InlineData("0.0.0.0", "this host")]
    public async Task A_name_resolving_only_to_a_denied_form_is_denied(string answer, string why)
    {
        var connector = new PolicyConnector(TargetPolicy.Default, Answers(answer));

        var e = await Assert.ThrowsAsync<PolicyDeniedException>(() => connector.ConnectAsync("node.example", 80, CancellationToken.None));
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public async Task Denied_answers_are_skipped_and_the_allowed_one_is_connected()
    {
        // One port on three loopback addresses: 127.0.0.3 is allowed, 127.0.0.2 is denied, and 127.0.0.1 is where
        // a connect to 0.0.0.0 (this host) lands.
        var allowed = ProbeFixtures.Listen(IPAddress.Parse("127.0.0.3"));
        var port = allowed.Port();
        var denied = new System.Net.Sockets.TcpListener(IPAddress.Parse("127.0.0.2"), port);
        var local = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
        denied.Start();
        local.Start();
        try
        {
            var connector = new PolicyConnector(new TargetPolicy(deny: ["127.0.0.2/32"]), Answers("::ffff:127.0.0.2", "0.0.0.0", "127.0.0.3"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

            using var socket = await connector.ConnectAsync("node.example", port, timeout.Token);

            Assert.Equal("127.0.0.3", PolicyConnector.RemoteAddressOf(socket));
            Assert.True(allowed.Pending());
            Assert.False(denied.Pending(), "the denied answer was connected");
            Assert.False(local.Pending(), "0.0.0.0 was connected");
        }
        finally
        {
            local.Stop();
            denied.Stop();
            allowed.Stop();
        }
    }

    [Fact]
    public async Task Redirects_judge_the_address_each_hop_resolves_to()
    {
        await using var target = new LoopbackHttpServer(x => x.RespondAsync(200), IPAddress.Parse("127.0.0.2"));
        await using var redirector = new LoopbackHttpServer(x => x.WriteRawAsync(
            $"HTTP/1.1 302 Found\r\nLocation: http://metadata-alias.example:{target.Port}/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        // The first name resolves to the redirector; the name in Location to 127.0.0.2, written as NAT64 and mapped.
        static Task<IPAddress[]> Resolve(string host, CancellationToken _) => Task.FromResult(host == "metadata-alias.example"
            ? new[] { IPAddress.Parse("64:ff9b::7f00:2"), IPAddress.Parse("::ffff:127.0.0.2") }
            : new[] { IPAddress.Loopback });
        var probe = new HttpProbe(new PolicyConnector(new TargetPolicy(deny: ["127.0.0.2/32"]), Resolve));

        var e = await Assert.ThrowsAnyAsync<Exception>(() => probe.AttemptAsync($"node.example:{redirector.Port}", new HttpCheck { FollowRedirects = true }));

        Assert.Equal(ErrorKind.Denied, ProbeErrorClassifier.Classify(e, "redirect").Kind);
        Assert.Equal(1, redirector.Connections);
        Assert.Equal(0, target.Connections);
    }
}
