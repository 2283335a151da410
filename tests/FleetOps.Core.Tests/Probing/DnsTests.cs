using System.Diagnostics;
using FleetOps.Core.Policy;
using FleetOps.Core.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Tests.Support;

namespace FleetOps.Core.Tests.Probing;

public sealed class DnsTests : IDisposable
{
    private readonly FleetProber _prober = new(TargetPolicy.Default);

    public void Dispose() => _prober.Dispose();

    [Fact]
    public async Task Tcp_to_an_unresolvable_host_is_a_dns_error()
    {
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(Probes.Tcp("no-such-host.invalid:80"), Probes.Options(timeoutMs: 20_000));

        Assert.Equal(ErrorKind.Dns, check.Error?.Kind);
        Assert.Contains("no-such-host.invalid", check.Error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Http_to_an_unresolvable_host_is_a_dns_error()
    {
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(Probes.Http("no-such-host.invalid"), Probes.Options(timeoutMs: 20_000));

        Assert.Equal(ErrorKind.Dns, check.Error?.Kind);
        Assert.Contains("no-such-host.invalid", check.Error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Dns_errors_are_retried()
    {
        var check = await _prober.CheckAsync(Probes.Tcp("no-such-host.invalid:80"), Probes.Options(attempts: 2, timeoutMs: 20_000));

        Assert.Equal(ErrorKind.Dns, check.Error?.Kind);
        Assert.Equal(2, check.Attempts);
    }
}
