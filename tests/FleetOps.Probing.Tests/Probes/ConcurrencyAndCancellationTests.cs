using System.Diagnostics;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

public sealed class ConcurrencyAndCancellationTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());

    public void Dispose() => _prober.Dispose();

    /// <summary>Counts requests being handled at once across several servers.</summary>
    private sealed class Gauge
    {
        private int _now, _max;
        public int Max => Volatile.Read(ref _max);

        public async Task HoldAsync(Exchange exchange, TimeSpan hold)
        {
            var now = Interlocked.Increment(ref _now);
            lock (this) _max = Math.Max(_max, now);
            try { await Task.Delay(hold, exchange.Stopping); }
            finally { Interlocked.Decrement(ref _now); }
            await exchange.RespondAsync(200);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    public async Task In_flight_probes_never_exceed_the_concurrency(int concurrency)
    {
        var gauge = new Gauge();
        // Ten nodes, five targets each: the bound under test is the prober's, not one server's connection pool.
        var servers = Enumerable.Range(0, 10).Select(_ => new LoopbackHttpServer(x => gauge.HoldAsync(x, TimeSpan.FromMilliseconds(60)))).ToList();
        try
        {
            var tasks = Enumerable.Range(0, 50).Select(i => ProbeFixtures.Http(servers[i % servers.Count].Address, name: $"n{i}")).ToList();

            var results = await _prober.ProbeAsync(tasks, ProbeFixtures.Options(concurrency: concurrency), CancellationToken.None);

            Assert.All(results, r => Assert.True(r.Ok, r.Error?.Message));
            Assert.Equal(50, servers.Sum(s => s.Requests));
            Assert.True(gauge.Max <= concurrency, $"{gauge.Max} requests in flight with concurrency {concurrency}");
            Assert.True(gauge.Max > 1, "probes ran one at a time");
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrency_one_probes_one_at_a_time()
    {
        var gauge = new Gauge();
        await using var server = new LoopbackHttpServer(x => gauge.HoldAsync(x, TimeSpan.FromMilliseconds(20)));
        var tasks = Enumerable.Range(0, 8).Select(i => ProbeFixtures.Http(server.Address, name: $"n{i}")).ToList();

        var results = await _prober.ProbeAsync(tasks, ProbeFixtures.Options(concurrency: 1), CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Ok, r.Error?.Message));
        Assert.Equal(1, gauge.Max);
    }

    [Fact]
    public async Task Cancelling_the_caller_token_throws_instead_of_reporting_timeouts()
    {
        await using var server = new LoopbackHttpServer(x => x.HangAsync());
        var tasks = Enumerable.Range(0, 6).Select(i => ProbeFixtures.Http(server.Address, name: $"n{i}")).ToList();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _prober.ProbeAsync(tasks, ProbeFixtures.Options(timeoutMs: 20_000, concurrency: 3), cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}: the attempt timeout, not the caller, ended it");
    }

    [Fact]
    public async Task Cancelling_one_target_throws_instead_of_reporting_a_timeout()
    {
        await using var server = new LoopbackHttpServer(x => x.HangAsync());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _prober.ProbeTargetAsync(ProbeFixtures.Http(server.Address), ProbeFixtures.Options(timeoutMs: 20_000), cts.Token));
    }

    [Fact]
    public async Task Cancelling_during_retry_backoff_throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _prober.ProbeTargetAsync(
            ProbeFixtures.Tcp($"127.0.0.1:{ProbeFixtures.ClosedPort()}"), ProbeFixtures.Options(attempts: 10, backoffMs: 2_000), cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Already_cancelled_token_throws_and_sends_nothing()
    {
        await using var server = LoopbackHttpServer.Status(200);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _prober.ProbeAsync([ProbeFixtures.Http(server.Address)], ProbeFixtures.Options(), cts.Token));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Attempt_timeout_is_reported_not_thrown()
    {
        // The contrast to the cancellation tests: a timeout with the caller's token untouched is a result.
        await using var server = new LoopbackHttpServer(x => x.HangAsync());

        var results = await _prober.ProbeAsync([ProbeFixtures.Http(server.Address)], ProbeFixtures.Options(timeoutMs: 200), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, Assert.Single(results).Error?.Kind);
    }
}
