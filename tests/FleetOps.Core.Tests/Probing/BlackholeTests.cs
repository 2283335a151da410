using System.Diagnostics;
using FleetOps.Core.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Tests.Support;

namespace FleetOps.Core.Tests.Probing;

/// <summary>Targets that never answer a connect: the attempt timeout and the caller's token must both end the wait.</summary>
public sealed class BlackholeTests : IDisposable
{
    private readonly FleetProber _prober = new(Probes.LoopbackOnly());
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

        var check = await _prober.CheckAsync(Probes.Tcp(_hole.Address), Probes.Options(timeoutMs: 300));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.Contains("300 ms", check.Error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Http_connect_that_hangs_times_out()
    {
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(Probes.Http(_hole.Address), Probes.Options(timeoutMs: 300));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Tcp_connect_timeouts_are_retried()
    {
        var check = await _prober.CheckAsync(Probes.Tcp(_hole.Address), Probes.Options(attempts: 2, timeoutMs: 200));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.Equal(2, check.Attempts);
    }

    [Fact]
    public async Task Cancelling_during_a_tcp_connect_throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _prober.ProbeTargetAsync(Probes.Tcp(_hole.Address), Probes.Options(timeoutMs: 20_000), cts.Token));
    }

    [Fact]
    public async Task Cancelling_during_an_http_connect_throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _prober.ProbeTargetAsync(Probes.Http(_hole.Address), Probes.Options(timeoutMs: 20_000), cts.Token));
    }
}
