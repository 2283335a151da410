using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;

using FleetOps.Probing.Actions;

namespace FleetOps.Probing.Tests.Actions;

/// <summary>The client against a real HTTP server on loopback: what goes on the wire, and which failures are retried.</summary>
public sealed class NodeActionClientTests : IDisposable
{
    private static readonly TargetPolicy LoopbackOnly = new(allow: ["127.0.0.0/8", "::1/128"]);
    private readonly NodeActionClient _client = new(LoopbackOnly, retryBackoff: TimeSpan.FromMilliseconds(10));

    public void Dispose() => _client.Dispose();

    private static ActionSpec Post(string path = "/drain", int? retries = null, int? timeoutMs = null, List<int>? expect = null) =>
        new() { Url = "http://{{address}}" + path, Retries = retries, TimeoutMs = timeoutMs, ExpectStatus = expect };

    private Task<NodeActionResult> RunAsync(string address, ActionSpec action, string key = "run-1/web-1", CancellationToken ct = default) =>
        _client.ExecuteAsync(new Target("web-1", address), action, key, ct);

    [Fact]
    public async Task Method_url_headers_and_body_are_rendered_for_the_node()
    {
        await using var server = new RecordingHttpServer(_ => new Reply(200, "{\"drained\":true}"));
        var target = new Target("web 1", server.Address, new Dictionary<string, string> { ["zone"] = "eu/west" });
        var action = new ActionSpec
        {
            Method = "PUT",
            Url = "http://{{host}}:{{port}}/nodes/{{name}}/drain?zone={{labels.zone}}",
            Headers = new() { ["X-Node"] = "{{name}}", ["Content-Type"] = "application/json", ["Authorization"] = "Bearer t0k" },
            Body = "{\"node\":\"{{name}}\",\"zone\":\"{{labels.zone}}\"}",
        };

        var result = await _client.ExecuteAsync(target, action, "run-1/web 1", CancellationToken.None);

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal("web 1", result.Node);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(200, result.Status);
        Assert.Equal("{\"drained\":true}", result.ResponseSnippet);
        Assert.True(result.LatencyMs > 0);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/nodes/web%201/drain?zone=eu%2Fwest", request.Target);
        Assert.Equal("web 1", request.Header("X-Node"));          // headers: raw
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("Bearer t0k", request.Header("Authorization"));
        Assert.Equal("{\"node\":\"web 1\",\"zone\":\"eu/west\"}", request.Body); // body: raw
        Assert.Equal("run-1/web 1", request.Header("Idempotency-Key"));
        Assert.Equal(RenderedAction.UserAgent, request.Header("User-Agent"));
    }

    [Fact]
    public async Task Defaults_are_post_without_body_and_text_plain_for_a_body()
    {
        await using var server = RecordingHttpServer.Statuses(200);

        Assert.True((await RunAsync(server.Address, Post())).Ok);
        Assert.True((await RunAsync(server.Address, Post() with { Body = "go" })).Ok);

        Assert.All(server.Requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal("", server.Requests[0].Body);
        Assert.Equal("go", server.Requests[1].Body);
        Assert.StartsWith("text/plain", server.Requests[1].Header("Content-Type"));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(299)]
    public async Task Any_2xx_is_ok_by_default(int status)
    {
        await using var server = RecordingHttpServer.Statuses(status);
        var result = await RunAsync(server.Address, Post());
        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(status, result.Status);
    }

    [Fact]
    public async Task A_503_is_retried_with_the_same_idempotency_key_until_it_succeeds()
    {
        await using var server = RecordingHttpServer.Statuses(503, 200);

        var result = await RunAsync(server.Address, Post() with { Body = "b" }, key: "run-7/web-1");

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(200, result.Status);
        Assert.Null(result.Error);
        Assert.Equal("answer 2", result.ResponseSnippet);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("run-7/web-1", r.Header("Idempotency-Key")));
        Assert.All(server.Requests, r => Assert.Equal(1, r.HeaderCount("Idempotency-Key")));
        Assert.All(server.Requests, r => Assert.Equal("b", r.Body));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried_up_to_retries_and_then_fail(int status)
    {
        await using var server = RecordingHttpServer.Statuses(status);

        var result = await RunAsync(server.Address, Post(retries: 2));

        Assert.False(result.Ok);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(status, result.Status);
        Assert.Equal(ErrorKind.HttpStatus, result.Error?.Kind);
        Assert.True(result.Error!.Transient);
        Assert.Contains($"status {status}, expected 2xx", result.Error.Message);
        Assert.Contains("attempt 3", result.Error.Message);
        Assert.Equal("answer 3", result.ResponseSnippet);
        Assert.Equal(3, server.Requests.Count);
        Assert.Single(server.Requests.Select(r => r.Header("Idempotency-Key")).Distinct());
    }

    [Fact]
    public async Task Retries_default_to_two()
    {
        await using var server = RecordingHttpServer.Statuses(503);
        var result = await RunAsync(server.Address, Post());
        Assert.Equal(1 + NodeActionClient.DefaultRetries, result.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Zero_retries_sends_once()
    {
        await using var server = RecordingHttpServer.Statuses(503, 200);
        var result = await RunAsync(server.Address, Post(retries: 0));
        Assert.False(result.Ok);
        Assert.Equal(1, result.Attempts);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task Client_errors_are_not_retried(int status)
    {
        await using var server = RecordingHttpServer.Statuses(status, 200);

        var result = await RunAsync(server.Address, Post(retries: 5));

        Assert.False(result.Ok);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(status, result.Status);
        Assert.Equal(ErrorKind.HttpStatus, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var server = new RecordingHttpServer(r => new Reply(302, ExtraHeaders: "Location: /elsewhere\r\n"));

        var result = await RunAsync(server.Address, Post(retries: 3));

        Assert.False(result.Ok);
        Assert.Equal(302, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(new[] { 202 }, 202, true)]
    [InlineData(new[] { 202 }, 200, false)]     // only what is listed
    [InlineData(new[] { 200, 409 }, 409, true)] // e.g. 409 "already done" counts as done
    [InlineData(new[] { 503 }, 503, true)]      // expected, so not retried
    public async Task Expect_status_replaces_the_2xx_default(int[] expect, int status, bool ok)
    {
        await using var server = RecordingHttpServer.Statuses(status);

        var result = await RunAsync(server.Address, Post(expect: [.. expect]));

        Assert.Equal(ok, result.Ok);
        Assert.Equal(1, result.Attempts);
        if (!ok) Assert.Contains($"expected {string.Join(" or ", expect)}", result.Error!.Message);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_times_out_per_attempt()
    {
        await using var server = new RecordingHttpServer(_ => Reply.Hangs);
        var watch = Stopwatch.StartNew();

        var result = await RunAsync(server.Address, Post(retries: 0, timeoutMs: 300));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Timeout, result.Error?.Kind);
        Assert.True(result.Error!.Transient);
        Assert.Contains("no answer within 300 ms", result.Error.Message);
        Assert.Null(result.Status);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 5_000);
        Assert.InRange(result.LatencyMs, 250, 5_000);
    }

    [Fact]
    public async Task A_timeout_is_retried_with_the_same_key()
    {
        await using var server = new RecordingHttpServer(r => r.Number == 1 ? Reply.Hangs : new Reply(200));

        var result = await RunAsync(server.Address, Post(retries: 1, timeoutMs: 1_000), key: "run-2/web-1");

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("run-2/web-1", r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await RunAsync($"127.0.0.1:{port}", Post(retries: 2));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Refused, result.Error?.Kind);
        Assert.True(result.Error!.Transient);
        Assert.Equal(3, result.Attempts);
        Assert.Null(result.Status);
        Assert.Contains("node 'web-1'", result.Error.Message);
    }

    [Fact]
    public async Task A_denied_node_fails_at_once_and_gets_no_packet()
    {
        await using var server = new RecordingHttpServer(_ => new Reply(200), IPAddress.Parse("127.0.0.2"));
        using var denying = new NodeActionClient(new TargetPolicy(deny: ["127.0.0.2/32"]), TimeSpan.FromMilliseconds(10));

        var result = await denying.ExecuteAsync(new Target("web-2", server.Address), Post(retries: 5), "run-1/web-2", CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Denied, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("127.0.0.2/32", result.Error.Message);
        Assert.Equal(0, server.Connections);

        // Control: the same action under a policy that allows the address reaches the server.
        using var allowing = new NodeActionClient(TargetPolicy.Default);
        Assert.True((await allowing.ExecuteAsync(new Target("web-2", server.Address), Post(), "k", CancellationToken.None)).Ok);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task A_denied_host_name_is_refused_before_any_lookup()
    {
        var result = await _client.ExecuteAsync(new Target("meta", "metadata.google.internal"), Post(retries: 3), "k", CancellationToken.None);

        Assert.Equal(ErrorKind.Denied, result.Error?.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task An_action_that_cannot_be_rendered_for_the_node_sends_nothing()
    {
        await using var server = RecordingHttpServer.Statuses(200);

        var result = await RunAsync(server.Address, Post() with { Body = "{{labels.rack}}" });

        Assert.False(result.Ok);
        Assert.Equal(0, result.Attempts);
        Assert.Equal(ErrorKind.Other, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Contains("'rack'", result.Error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_label_cannot_inject_a_header()
    {
        await using var server = RecordingHttpServer.Statuses(200);
        var target = new Target("web-1", server.Address, new Dictionary<string, string> { ["v"] = "x\r\nX-Evil: 1" });
        var action = Post() with { Headers = new() { ["X-Value"] = "{{labels.v}}" } };

        var result = await _client.ExecuteAsync(target, action, "k", CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(0, result.Attempts);
        Assert.Contains("line break", result.Error!.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_idempotency_key_cannot_be_overridden_by_the_action()
    {
        await using var server = RecordingHttpServer.Statuses(200);
        var action = Post() with { Headers = new() { ["idempotency-key"] = "mine" } };

        await RunAsync(server.Address, action, key: "run-9/web-1");

        var request = Assert.Single(server.Requests);
        Assert.Equal(1, request.HeaderCount("Idempotency-Key"));
        Assert.Equal("run-9/web-1", request.Header("Idempotency-Key"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\r\nb")]
    public async Task An_unsendable_idempotency_key_is_a_programming_error(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() => RunAsync("127.0.0.1:1", Post(), key));

    [Fact]
    public async Task Retries_back_off_200_ms_then_400_ms_by_default()
    {
        await using var server = RecordingHttpServer.Statuses(503, 503, 200);
        using var client = new NodeActionClient(LoopbackOnly);

        var result = await client.ExecuteAsync(new Target("web-1", server.Address), Post(), "k", CancellationToken.None);

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(3, result.Attempts);
        var at = server.Requests.Select(r => r.At.TotalMilliseconds).ToArray();
        Assert.InRange(at[1] - at[0], 190, 2_000);
        Assert.InRange(at[2] - at[1], 390, 2_000);
    }

    [Fact]
    public async Task The_snippet_is_at_most_512_characters()
    {
        await using var server = new RecordingHttpServer(r => new Reply(200, r.Number == 1 ? new string('x', 100_000) : new string('é', 3_000)));

        var ascii = await RunAsync(server.Address, Post());
        var wide = await RunAsync(server.Address, Post());

        Assert.Equal(new string('x', NodeActionClient.SnippetChars), ascii.ResponseSnippet);
        Assert.Equal(new string('é', NodeActionClient.SnippetChars), wide.ResponseSnippet);
    }

    [Fact]
    public async Task An_empty_body_gives_no_snippet()
    {
        await using var server = RecordingHttpServer.Statuses(204);
        Assert.Null((await RunAsync(server.Address, Post())).ResponseSnippet);
    }

    [Fact]
    public async Task Connections_are_pooled_across_nodes_of_the_same_host()
    {
        await using var server = RecordingHttpServer.Statuses(200);

        for (var i = 0; i < 3; i++)
            Assert.True((await _client.ExecuteAsync(new Target($"n{i}", server.Address), Post(), $"run/n{i}", CancellationToken.None)).Ok);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task Cancelling_throws_instead_of_reporting_a_failure()
    {
        await using var server = new RecordingHttpServer(_ => Reply.Hangs);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(server.Address, Post(timeoutMs: 30_000), ct: cts.Token));
    }

    [Fact]
    public async Task Cancelling_during_backoff_throws()
    {
        using var cts = new CancellationTokenSource();
        // Cancelled once the first answer is on its way: the client is then in its 30 s backoff.
        await using var server = new RecordingHttpServer(_ => { cts.CancelAfter(300); return new Reply(503); });
        using var slow = new NodeActionClient(LoopbackOnly, TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            slow.ExecuteAsync(new Target("web-1", server.Address), Post(), "k", cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Single(server.Requests);
    }
}
