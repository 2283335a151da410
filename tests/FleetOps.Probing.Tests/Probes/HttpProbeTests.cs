using System.Diagnostics;
using System.Net;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

public sealed class HttpProbeTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());

    public void Dispose() => _prober.Dispose();

    [Fact]
    public async Task Status_200_is_ok()
    {
        await using var server = LoopbackHttpServer.Status(200);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address, "/health"));

        Assert.True(check.Ok, check.Error?.Message);
        Assert.Equal("http", check.Kind);
        Assert.Equal(200, check.Status);
        Assert.Equal(1, check.Attempts);
        Assert.Equal("http:/health", check.Check);
        Assert.True(check.LatencyMs > 0);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("/health", "/health")]
    [InlineData("/ready?deep=1", "/ready?deep=1")]
    [InlineData("/a%20b/c", "/a%20b/c")]
    public async Task Request_goes_to_the_path_of_the_check(string? path, string expectedTarget)
    {
        string? requestLine = null;
        await using var server = new LoopbackHttpServer(x => { requestLine = x.RequestLine; return x.RespondAsync(200); });

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address, path));

        Assert.True(check.Ok, check.Error?.Message);
        Assert.Equal($"GET {expectedTarget} HTTP/1.1", requestLine);
    }

    [Fact]
    public async Task Malformed_response_is_a_transient_error()
    {
        await using var server = new LoopbackHttpServer(x => x.WriteRawAsync("HTTP/1.1 banana\r\n\r\n"));

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address));

        Assert.False(check.Ok);
        Assert.Equal(ErrorKind.Other, check.Error?.Kind);
        Assert.True(check.Error!.Transient);
        Assert.Null(check.Status);
    }

    [Fact]
    public async Task Url_on_the_check_is_used_as_is()
    {
        string? requestLine = null;
        await using var server = new LoopbackHttpServer(x => { requestLine = x.RequestLine; return x.RespondAsync(204); });
        var task = new ProbeTask(new Target("web", "ignored.invalid"),
            [new HttpCheck { Url = $"http://{server.Address}/status", ExpectStatus = [204] }]);

        var check = await _prober.CheckAsync(task);

        Assert.True(check.Ok, check.Error?.Message);
        Assert.Equal(204, check.Status);
        Assert.Equal($"http://{server.Address}/status", check.Check);
        Assert.Equal("GET /status HTTP/1.1", requestLine);
    }

    [Fact]
    public async Task Wrong_status_is_a_permanent_http_status_error_naming_target_check_and_attempt()
    {
        // 404, not 503: a 5xx is transient (retried under N-of-M), see RetryTests.
        await using var server = LoopbackHttpServer.Status(404);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address, "/health", name: "web-7"));

        Assert.False(check.Ok);
        Assert.Equal(404, check.Status);
        Assert.Equal(ErrorKind.HttpStatus, check.Error?.Kind);
        Assert.False(check.Error!.Transient);
        var message = check.Error.Message;
        Assert.Contains("target 'web-7'", message);
        Assert.Contains(server.Address, message);
        Assert.Contains("check http:/health", message);
        Assert.Contains("attempt 1", message);
        Assert.Contains("404", message);
    }

    [Fact]
    public async Task Expected_status_makes_503_ok()
    {
        await using var server = LoopbackHttpServer.Status(503);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address, expect: [200, 503]));

        Assert.True(check.Ok, check.Error?.Message);
        Assert.Equal(503, check.Status);
        Assert.Null(check.Error);
    }

    [Fact]
    public async Task Expected_status_makes_200_a_failure_when_not_listed()
    {
        await using var server = LoopbackHttpServer.Status(200);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address, expect: [503]));

        Assert.False(check.Ok);
        Assert.Equal(ErrorKind.HttpStatus, check.Error?.Kind);
        Assert.Equal(200, check.Status);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var server = LoopbackHttpServer.Status(302);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address));

        Assert.Equal(ErrorKind.HttpStatus, check.Error?.Kind);
        Assert.Equal(302, check.Status);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Server_that_never_answers_times_out()
    {
        await using var server = new LoopbackHttpServer(x => x.HangAsync());
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address, timeoutMs: 300), ProbeFixtures.Options(timeoutMs: 30_000));

        Assert.False(check.Ok);
        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.Contains("300 ms", check.Error!.Message);
        Assert.Contains("attempt 1", check.Error.Message);
        Assert.Null(check.Status);
        Assert.True(check.LatencyMs >= 250, $"gave up after {check.LatencyMs} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // Sent once: the timeout was not retried.
        Assert.Equal(1, await server.RequestsWhenAtLeastAsync(1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Options_timeout_applies_when_the_check_has_none()
    {
        await using var server = new LoopbackHttpServer(x => x.HangAsync());
        var clock = Stopwatch.StartNew();

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address), ProbeFixtures.Options(timeoutMs: 300));

        Assert.Equal(ErrorKind.Timeout, check.Error?.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Connection_closed_without_a_response_is_a_transient_error()
    {
        await using var server = new LoopbackHttpServer(_ => Task.CompletedTask);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address));

        Assert.False(check.Ok);
        Assert.Equal(ErrorKind.Other, check.Error?.Kind);
        Assert.True(check.Error!.Transient);
    }

    [Fact]
    public async Task Closed_port_is_refused()
    {
        var check = await _prober.CheckAsync(ProbeFixtures.Http($"127.0.0.1:{ProbeFixtures.ClosedPort()}"));

        Assert.Equal(ErrorKind.Refused, check.Error?.Kind);
    }

    [Fact]
    public async Task Ipv6_loopback_in_brackets()
    {
        await using var server = new LoopbackHttpServer(x => x.RespondAsync(200), IPAddress.IPv6Loopback);
        Assert.StartsWith("[::1]:", server.Address);

        var check = await _prober.CheckAsync(ProbeFixtures.Http(server.Address, "/health"));

        Assert.True(check.Ok, check.Error?.Message);
        Assert.Equal(200, check.Status);
    }
}
