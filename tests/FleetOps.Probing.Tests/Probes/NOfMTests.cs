using System.Diagnostics;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>N-of-M: a check fails only after M attempts, retrying what may recover (5xx, 429, failed conditions), not what will not.</summary>
public sealed class NOfMTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());

    public void Dispose() => _prober.Dispose();

    private static HttpCheck Http(List<string>? conditions = null) => new() { Path = "/health", Conditions = conditions };

    /// <summary>Answers <paramref name="failure"/> to the first <paramref name="failures"/> requests, then 200.</summary>
    private static HttpTestServer FailingFirst(int failures, int failure = 503) =>
        new(r => r.Number <= failures ? new Reply(failure) : new Reply(200));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public async Task Server_failing_the_first_k_requests_is_ok_on_attempt_k_plus_1_when_m_is_more(int k, int m)
    {
        await using var server = FailingFirst(k);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http()), ProbeFixtures.Options(attempts: m));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(k + 1, result.Attempts);
        Assert.Equal(200, result.Status);
        Assert.Equal(k + 1, server.Requests);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    public async Task Server_failing_the_first_k_requests_fails_after_m_attempts_when_m_is_not_more(int k, int m)
    {
        await using var server = FailingFirst(k);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http()), ProbeFixtures.Options(attempts: m));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.HttpStatus, result.Error?.Kind);
        Assert.True(result.Error!.Transient);
        Assert.Equal(m, result.Attempts);
        Assert.Equal(503, result.Status);
        Assert.Contains($"attempt {m}", result.Error.Message);
        Assert.Equal(m, server.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        await using var server = FailingFirst(1, failure: 429);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http()), ProbeFixtures.Options(attempts: 2));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(2, result.Attempts);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(400)]
    public async Task Client_errors_are_not_retried(int status)
    {
        await using var server = FailingFirst(1, failure: status);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http()), ProbeFixtures.Options(attempts: 4));

        Assert.Equal(ErrorKind.HttpStatus, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Backoff_doubles_between_attempts()
    {
        await using var server = HttpTestServer.Status(503);
        var clock = Stopwatch.StartNew();

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http()), ProbeFixtures.Options(attempts: 3, backoffMs: 150));

        Assert.Equal(3, result.Attempts);
        // 150 ms, then 300 ms: a lower bound only, so a slow machine cannot fail it.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(440), $"three attempts took only {clock.Elapsed}");
    }

    [Fact]
    public async Task Failed_conditions_are_retried()
    {
        await using var server = new HttpTestServer(r => new Reply(200, r.Number == 1 ? """{"status":"DOWN"}""" : """{"status":"UP"}"""));

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http(["[BODY].status == UP"])), ProbeFixtures.Options(attempts: 3));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(2, result.Attempts);
        Assert.True(Assert.Single(result.Conditions!).Ok);
    }
}
