using System.Diagnostics;
using System.Net;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>What an http check puts on the wire, how it follows redirects, and the facts it brings back.</summary>
public sealed class HttpRequestTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly HttpProbe _probe = new(ProbeKit.Connector());

    public void Dispose() => _prober.Dispose();

    private static HttpCheck Http(string? path = null) => new() { Path = path };

    [Fact]
    public async Task Method_headers_and_body_reach_the_server()
    {
        await using var server = new HttpTestServer(_ => new Reply(200));
        var check = Http("/submit") with
        {
            Method = "POST",
            Headers = new() { ["X-Probe"] = "sweep-1", ["Content-Type"] = "application/json", ["Authorization"] = "Bearer t0k" },
            Body = """{"ping":1}""",
        };

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, check));

        Assert.True(result.Ok, result.Error?.Message);
        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/submit", request.Target);
        Assert.Equal("sweep-1", request.Header("X-Probe"));
        Assert.Equal("Bearer t0k", request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("10", request.Header("Content-Length"));
        Assert.Equal("""{"ping":1}""", request.Body);
        Assert.Equal("FleetOps-Probe/1.0", request.Header("User-Agent"));
    }

    [Fact]
    public async Task Body_without_a_content_type_is_sent_as_text_plain()
    {
        await using var server = new HttpTestServer(_ => new Reply(200));

        await _prober.CheckAsync(ProbeKit.Task(server.Address, Http() with { Method = "PUT", Body = "hello" }));

        var request = Assert.Single(server.Received);
        Assert.Equal("PUT", request.Method);
        Assert.StartsWith("text/plain", request.Header("Content-Type"));
        Assert.Equal("hello", request.Body);
    }

    [Fact]
    public async Task Default_is_a_get_without_a_body_and_headers_can_replace_host_and_user_agent()
    {
        await using var server = new HttpTestServer(_ => new Reply(200));

        await _prober.CheckAsync(ProbeKit.Task(server.Address, Http() with { Headers = new() { ["Host"] = "app.internal", ["User-Agent"] = "curl/8" } }));

        var request = Assert.Single(server.Received);
        Assert.Equal("GET", request.Method);
        Assert.Equal("", request.Body);
        Assert.Equal("app.internal", request.Header("Host"));
        Assert.Equal("curl/8", request.Header("User-Agent"));
    }

    [Fact]
    public async Task Redirects_are_followed_when_asked()
    {
        await using var server = new HttpTestServer(r => r.Target == "/start" ? Reply.Redirect(302, "/next") : new Reply(200, "done"));

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("/start") with { FollowRedirects = true }));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(200, result.Status);
        Assert.Equal(["/start", "/next"], server.Received.Select(r => r.Target));
    }

    [Fact]
    public async Task Redirects_are_not_followed_by_default_and_the_location_is_a_fact()
    {
        await using var server = new HttpTestServer(_ => Reply.Redirect(301, "/elsewhere"));

        var outcome = await _probe.AttemptAsync(server.Address, Http("/start"));

        Assert.Equal(ErrorKind.HttpStatus, outcome.Error?.Kind);
        Assert.False(outcome.Error!.Transient);
        Assert.Contains("/elsewhere", outcome.Error.Message);
        Assert.Equal(301, outcome.Facts.Status);
        Assert.Equal("/elsewhere", outcome.Facts.Headers!["location"]);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task At_most_five_redirects_are_followed()
    {
        await using var server = new HttpTestServer(r => Reply.Redirect(302, $"{r.Target}x"));

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("/r") with { FollowRedirects = true }));

        Assert.Equal(ErrorKind.HttpStatus, result.Error?.Kind);
        Assert.Equal(302, result.Status);
        Assert.Contains("after 5 redirects", result.Error!.Message);
        Assert.Equal(6, server.Requests);
    }

    [Theory]
    [InlineData(303, "GET", "")]
    [InlineData(302, "GET", "")]
    [InlineData(307, "POST", "payload")]
    [InlineData(308, "POST", "payload")]
    public async Task Redirect_after_post_keeps_or_drops_the_method_and_body_as_browsers_do(int status, string method, string body)
    {
        await using var server = new HttpTestServer(r => r.Target == "/form" ? Reply.Redirect(status, "/done") : new Reply(200));

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("/form") with { Method = "POST", Body = "payload", FollowRedirects = true }));

        Assert.True(result.Ok, result.Error?.Message);
        var second = server.Received.Last();
        Assert.Equal(method, second.Method);
        Assert.Equal(body, second.Body);
    }

    [Fact]
    public async Task Credentials_stay_behind_on_a_redirect_to_another_origin()
    {
        await using var other = new HttpTestServer(_ => new Reply(200));
        await using var first = new HttpTestServer(_ => Reply.Redirect(302, other.Url("/landed")));
        var check = Http("/") with { FollowRedirects = true, Headers = new() { ["Authorization"] = "Bearer secret", ["X-Trace"] = "t1" } };

        var result = await _prober.CheckAsync(ProbeKit.Task(first.Address, check));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal("Bearer secret", Assert.Single(first.Received).Header("Authorization"));
        var landed = Assert.Single(other.Received);
        Assert.Null(landed.Header("Authorization"));
        Assert.Equal("t1", landed.Header("X-Trace"));
    }

    [Fact]
    public async Task Redirect_to_a_denied_address_is_denied_and_sends_it_nothing()
    {
        await using var denied = new HttpTestServer(_ => new Reply(200), address: IPAddress.Parse("127.0.0.2"));
        await using var first = new HttpTestServer(_ => Reply.Redirect(302, denied.Url("/metadata")));
        using var prober = new FleetProber(new TargetPolicy(deny: ["127.0.0.2/32"]));

        var result = await prober.CheckAsync(ProbeKit.Task(first.Address, Http() with { FollowRedirects = true }), ProbeFixtures.Options(attempts: 3));

        Assert.Equal(ErrorKind.Denied, result.Error?.Kind);
        Assert.Contains("127.0.0.2", result.Error!.Message);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, first.Requests);
        Assert.Equal(0, denied.Connections);
    }

    [Fact]
    public async Task Body_capture_stops_at_the_limit_without_reading_the_rest()
    {
        const long huge = 512L * 1024 * 1024;
        var clock = Stopwatch.StartNew();
        var server = new HttpTestServer(_ => new Reply(200) { StreamedBytes = huge });
        AttemptOutcome outcome;
        try { outcome = await _probe.AttemptAsync(server.Address, Http()); }
        finally { await server.DisposeAsync(); } // waits for the server's writes to end
        var written = server.BytesWritten;

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal(ProbeFacts.MaxBodyChars, outcome.Facts.Body!.Length);
        Assert.All(outcome.Facts.Body, c => Assert.Equal('x', c));
        Assert.True(written < huge / 4, $"the server wrote {written} bytes: the probe kept reading");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Status_headers_body_ip_and_time_are_facts()
    {
        await using var server = new HttpTestServer(_ => new Reply(200, """{"status":"UP"}""")
        {
            Headers = new Dictionary<string, string> { ["X-Version"] = "7", ["Content-Type"] = "application/json" },
        });

        var outcome = await _probe.AttemptAsync(server.Address, Http("/health"));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        var facts = outcome.Facts;
        Assert.True(facts.Connected);
        Assert.Equal(200, facts.Status);
        Assert.Equal("""{"status":"UP"}""", facts.Body);
        Assert.Equal("7", facts.Headers!["x-version"]);
        Assert.Equal("application/json", facts.Headers["Content-Type"]);
        Assert.Equal("127.0.0.1", facts.Ip);
        Assert.True(facts.ResponseTimeMs > 0);
        Assert.Null(facts.TlsVersion);
        Assert.Null(facts.CertificateExpiration);
    }

    [Fact]
    public async Task Ip_fact_of_an_ipv6_target()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), address: IPAddress.IPv6Loopback);

        var outcome = await _probe.AttemptAsync(server.Address, Http());

        Assert.Equal("::1", outcome.Facts.Ip);
    }

    [Fact]
    public async Task Every_attempt_opens_its_own_connection()
    {
        // Facts (IP, certificate) must be this attempt's: no pooled connection from an earlier probe is reused.
        await using var server = new HttpTestServer(_ => new Reply(200));

        for (var i = 0; i < 3; i++) Assert.True((await _probe.AttemptAsync(server.Address, Http())).Ok);

        Assert.Equal(3, server.Connections);
        Assert.All(server.Received, r => Assert.Equal("close", r.Header("Connection")));
    }
}
