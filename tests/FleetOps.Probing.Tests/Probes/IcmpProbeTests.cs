using System.Net;
using System.Net.NetworkInformation;
using FleetOps.Core.Checks;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>
/// The icmp check kind: real echoes to 127.0.0.1 (System.Net.NetworkInformation.Ping: a raw ICMP socket here, as the
/// tests run with CAP_NET_RAW), and a stand-in for the one thing loopback never does: lose or refuse an echo.
/// </summary>
public sealed class IcmpProbeTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly IcmpProbe _probe = new(ProbeKit.Connector());

    public void Dispose() => _prober.Dispose();

    [Fact]
    public async Task Loopback_answers_every_echo_with_round_trip_facts()
    {
        var outcome = await _probe.AttemptAsync("127.0.0.1", new IcmpCheck { Count = 3, IntervalMs = 20 });

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.True(outcome.Facts.Connected);
        Assert.Equal("127.0.0.1", outcome.Facts.Ip);
        Assert.Equal(0, outcome.Facts.PacketLoss);
        Assert.NotNull(outcome.Facts.RttMinMs);
        Assert.True(outcome.Facts.RttMinMs <= outcome.Facts.RttAvgMs && outcome.Facts.RttAvgMs <= outcome.Facts.RttMaxMs);
        Assert.Equal(outcome.Facts.RttAvgMs, outcome.Facts.ResponseTimeMs);
    }

    [Theory]
    [InlineData("127.0.0.1:22", "127.0.0.1")]
    [InlineData("127.3.4.5", "127.3.4.5")]
    [InlineData("[::1]", "::1")]
    [InlineData("[::1]:443", "::1")]
    [InlineData("[::ffff:127.0.0.1]", "127.0.0.1")] // an IPv4 host: pinged over IPv4, as ICMPv6 to it is never answered
    public async Task Loopback_answers_in_every_address_form(string address, string pinged)
    {
        var outcome = await _probe.AttemptAsync(address, new IcmpCheck { Count = 1 });

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal(pinged, outcome.Facts.Ip);
        Assert.Equal(0, outcome.Facts.PacketLoss);
    }

    [Fact]
    public async Task Conditions_on_loss_and_round_trip_judge_a_real_ping()
    {
        var check = new IcmpCheck { Count = 2, IntervalMs = 10, Conditions = ["[PACKET_LOSS] < 50", "[RTT_AVG] < 5s", "[CONNECTED] == true"] };

        var result = await _prober.CheckAsync(ProbeKit.Task("127.0.0.1", check));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal("icmp", result.Kind);
        Assert.Equal("icmp:2", result.Check);
        Assert.Equal("0", result.Conditions![0].Actual);
        Assert.Equal("true", result.Conditions[2].Actual);
        Assert.All(result.Conditions, c => Assert.True(c.Ok, c.Condition));
    }

    [Fact]
    public async Task A_failed_condition_fails_the_check_with_what_it_saw()
    {
        var check = new IcmpCheck { Count = 1, Conditions = ["[PACKET_LOSS] > 0"] };

        var result = await _prober.CheckAsync(ProbeKit.Task("127.0.0.1", check));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Condition, result.Error?.Kind);
        Assert.Equal("0", Assert.Single(result.Conditions!).Actual);
    }

    [Fact]
    public async Task A_name_is_resolved_and_its_port_is_not_used()
    {
        var outcome = await _probe.AttemptAsync("localhost:8080", new IcmpCheck { Count = 1 });

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(outcome.Facts.Ip!)));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("8.8.8.8")]
    public async Task The_policy_judges_the_address_before_any_echo_goes(string address)
    {
        var sent = 0;
        var probe = new IcmpProbe(ProbeKit.Connector(), (_, _, _) => { Interlocked.Increment(ref sent); return Task.FromResult(new EchoResult(IPStatus.Success, 1)); });

        var denied = await Assert.ThrowsAsync<PolicyDeniedException>(() => probe.AttemptAsync(address, new IcmpCheck()));
        var result = await _prober.CheckAsync(ProbeKit.Task(address, new IcmpCheck()), ProbeFixtures.Options(attempts: 3));

        Assert.Contains(address, denied.Message);
        Assert.Equal(0, sent);
        Assert.Equal(ErrorKind.Denied, result.Error?.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Lost_echoes_are_the_loss_and_the_answered_ones_the_round_trips()
    {
        var replies = new Queue<EchoResult>([new(IPStatus.Success, 2), EchoResult.Unanswered, new(IPStatus.Success, 4)]);
        var probe = new IcmpProbe(ProbeKit.Connector(), (_, _, _) => Task.FromResult(replies.Dequeue()));

        var outcome = await probe.AttemptAsync("127.0.0.1", new IcmpCheck { Count = 3, IntervalMs = 10 });

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal(33.333, outcome.Facts.PacketLoss);
        Assert.Equal((2.0, 3.0, 4.0), (outcome.Facts.RttMinMs!.Value, outcome.Facts.RttAvgMs!.Value, outcome.Facts.RttMaxMs!.Value));
    }

    [Fact]
    public async Task No_reply_at_all_is_a_timeout_with_full_loss_and_no_round_trips()
    {
        var probe = new IcmpProbe(ProbeKit.Connector(), (_, _, ct) => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => EchoResult.Unanswered, TaskScheduler.Default));

        var outcome = await probe.AttemptAsync("127.0.0.1", new IcmpCheck { Count = 2, IntervalMs = 10 }, timeoutMs: 300);

        Assert.Equal(ErrorKind.Timeout, outcome.Error?.Kind);
        Assert.True(outcome.Error!.Transient);
        Assert.Contains("no reply to 2 echo requests", outcome.Error.Message);
        Assert.Equal(100, outcome.Facts.PacketLoss);
        Assert.False(outcome.Facts.Connected);
        Assert.Null(outcome.Facts.RttAvgMs);
    }

    [Fact]
    public async Task Icmp_errors_instead_of_replies_are_named()
    {
        var probe = new IcmpProbe(ProbeKit.Connector(), (_, _, _) => Task.FromResult(new EchoResult(IPStatus.DestinationHostUnreachable, 0)));

        var outcome = await probe.AttemptAsync("127.0.0.1", new IcmpCheck { Count = 1 });

        Assert.Equal(ErrorKind.Other, outcome.Error?.Kind);
        Assert.Contains("DestinationHostUnreachable", outcome.Error!.Message);
        Assert.Equal(100, outcome.Facts.PacketLoss);
    }

    [Fact]
    public async Task A_host_that_cannot_send_echoes_fails_permanently()
    {
        // What Ping throws on Linux without a raw ICMP socket (root or CAP_NET_RAW) and without a ping utility: the
        // probe lets it out, and the prober's classifier makes it a permanent error (another attempt cannot do better).
        var probe = new IcmpProbe(ProbeKit.Connector(), (_, _, _) => throw new PlatformNotSupportedException("The system's ping utility could not be found."));

        var thrown = await Assert.ThrowsAsync<PlatformNotSupportedException>(() => probe.AttemptAsync("127.0.0.1", new IcmpCheck()));
        var error = ProbeErrorClassifier.Classify(thrown, "node icmp attempt 1");

        Assert.Equal(ErrorKind.Other, error.Kind);
        Assert.False(error.Transient);
        Assert.Contains("ping utility", error.Message);
    }

    [Fact]
    public async Task Echoes_not_sent_before_the_attempt_ends_are_not_counted_as_lost()
    {
        var sent = 0;
        var probe = new IcmpProbe(ProbeKit.Connector(), (_, _, _) => { Interlocked.Increment(ref sent); return Task.FromResult(new EchoResult(IPStatus.Success, 1)); });

        var outcome = await probe.AttemptAsync("127.0.0.1", new IcmpCheck { Count = 10, IntervalMs = 1_000 }, timeoutMs: 300);

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal(1, sent);
        Assert.Equal(0, outcome.Facts.PacketLoss);
    }

    [Fact]
    public async Task Each_echo_carries_the_payload_size_asked_for()
    {
        var sizes = new List<int>();
        var probe = new IcmpProbe(ProbeKit.Connector(), (_, payload, _) => { lock (sizes) sizes.Add(payload.Length); return Task.FromResult(new EchoResult(IPStatus.Success, 1)); });

        await probe.AttemptAsync("127.0.0.1", new IcmpCheck { Count = 2, IntervalMs = 10, PayloadSize = 1472 });
        await probe.AttemptAsync("127.0.0.1", new IcmpCheck { Count = 1 });

        Assert.Equal([1472, 1472, IcmpCheck.DefaultPayloadSize], sizes);
    }
}
