using System.Diagnostics;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

public sealed class DnsTests : IDisposable
{
    private readonly FleetProber _prober = new(TargetPolicy.Default);

    public void Dispose() => _prober.Dispose();

    [Fact]
    public async Task Tcp_to_an_unresolvable_host_is_a_dns_error()
    {
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(ProbeFixtures.Tcp("no-such-host.invalid:80"), ProbeFixtures.Options(timeoutMs: 20_000));

        Assert.Equal(ErrorKind.Dns, check.Error?.Kind);
        Assert.Contains("no-such-host.invalid", check.Error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Http_to_an_unresolvable_host_is_a_dns_error()
    {
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(ProbeFixtures.Http("no-such-host.invalid"), ProbeFixtures.Options(timeoutMs: 20_000));

        Assert.Equal(ErrorKind.Dns, check.Error?.Kind);
        Assert.Contains("no-such-host.invalid", check.Error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Dns_errors_are_retried()
    {
        var check = await _prober.CheckAsync(ProbeFixtures.Tcp("no-such-host.invalid:80"), ProbeFixtures.Options(attempts: 2, timeoutMs: 20_000));

        Assert.Equal(ErrorKind.Dns, check.Error?.Kind);
        Assert.Equal(2, check.Attempts);
    }
}
