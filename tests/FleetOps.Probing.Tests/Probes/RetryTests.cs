using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

public sealed class RetryTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());

    public void Dispose() => _prober.Dispose();

    [Fact]
    public async Task Refused_is_retried_up_to_the_attempt_limit()
    {
        var check = await _prober.CheckAsync(ProbeFixtures.Tcp($"127.0.0.1:{ProbeFixtures.ClosedPort()}"), ProbeFixtures.Options(attempts: 3));

        Assert.False(check.Ok);
        Assert.Equal(ErrorKind.Refused, check.Error?.Kind);
        Assert.Equal(3, check.Attempts);
        Assert.Contains("attempt 3", check.Error!.Message);
    }

    [Fact]
    public async Task Refused_http_is_retried_up_to_the_attempt_limit()
    {
        var check = await _prober.CheckAsync(ProbeFixtures.Http($"127.0.0.1:{ProbeFixtures.ClosedPort()}"), ProbeFixtures.Options(attempts: 4));

        Assert.Equal(ErrorKind.Refused, check.Error?.Kind);
        Assert.Equal(4, check.Attempts);
    }

    [Fact]
    public async Task Http_status_is_permanent_and_not_retried()
    {
        // A 4xx will be the same next time; 5xx and 429 are retried (NOfMTests).
        await using var server = LoopbackHttpServer.Status(404);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address), ProbeFixtures.Options(attempts: 3));

        Assert.Equal(ErrorKind.HttpStatus, check.Error?.Kind);
        Assert.Equal(1, check.Attempts);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Server_that_fails_once_then_answers_is_ok_on_the_second_attempt()
    {
        // The first request gets a malformed response (a transient failure: HttpClient does not retry it itself); later ones get 200.
        await using var server = new LoopbackHttpServer(x => x.Number == 1 ? x.WriteRawAsync("HTTP/1.1 banana\r\n\r\n") : x.RespondAsync(200));

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address), ProbeFixtures.Options(attempts: 3));

        Assert.True(check.Ok, check.Error?.Message);
        Assert.Equal(2, check.Attempts);
        Assert.Equal(200, check.Status);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Server_that_hangs_once_then_answers_is_ok_on_the_second_attempt()
    {
        await using var server = new LoopbackHttpServer(x => x.Number == 1 ? x.HangAsync() : x.RespondAsync(200));

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address), ProbeFixtures.Options(attempts: 3, timeoutMs: 300));

        Assert.True(check.Ok, check.Error?.Message);
        Assert.Equal(2, check.Attempts);
    }

    [Fact]
    public async Task Timeouts_are_retried()
    {
        await using var server = new LoopbackHttpServer(x => x.HangAsync());

        // Long enough for the client to have sent each request before its attempt gives up, even on a loaded machine.
        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address), ProbeFixtures.Options(attempts: 2, timeoutMs: 1_000));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.Equal(2, check.Attempts);
        Assert.Equal(2, await server.RequestsWhenAtLeastAsync(2, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Denied_is_permanent_and_not_retried()
    {
        var check = await _prober.CheckAsync(ProbeFixtures.Tcp("169.254.169.254:80"), ProbeFixtures.Options(attempts: 5));

        Assert.Equal(ErrorKind.Denied, check.Error?.Kind);
        Assert.False(check.Error!.Transient);
        Assert.Equal(1, check.Attempts);
    }
}
