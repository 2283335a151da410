using System.Diagnostics;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>Targets that never answer a connect: the attempt timeout and the caller's token must both end the wait.</summary>
public sealed class BlackholeTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly Blackhole _hole = new();

    public void Dispose()
    {
        _prober.Dispose();
        _hole.Dispose();
    }

    [Fact]
    public async Task Tcp_connect_that_hangs_times_out()
    {
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(ProbeFixtures.Tcp(_hole.Address), ProbeFixtures.Options(timeoutMs: 300));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.Contains("300 ms", check.Error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Http_connect_that_hangs_times_out()
    {
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(ProbeFixtures.Http(_hole.Address), ProbeFixtures.Options(timeoutMs: 300));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Tcp_connect_timeouts_are_retried()
    {
        var check = await _prober.CheckAsync(ProbeFixtures.Tcp(_hole.Address), ProbeFixtures.Options(attempts: 2, timeoutMs: 200));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.Equal(2, check.Attempts);
    }

    [Fact]
    public async Task Cancelling_during_a_tcp_connect_throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _prober.ProbeTargetAsync(ProbeFixtures.Tcp(_hole.Address), ProbeFixtures.Options(timeoutMs: 20_000), cts.Token));
    }

    [Fact]
    public async Task Cancelling_during_an_http_connect_throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _prober.ProbeTargetAsync(ProbeFixtures.Http(_hole.Address), ProbeFixtures.Options(timeoutMs: 20_000), cts.Token));
    }
}
