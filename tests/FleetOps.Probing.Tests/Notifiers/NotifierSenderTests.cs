using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Results;
using FleetOps.Probing.Notifiers;
using FleetOps.Probing.Tests.Actions;

namespace FleetOps.Probing.Tests.Notifiers;

/// <summary>Delivery over real loopback sockets: what arrives, how answers are classified, and where the policy stops it.</summary>
public sealed class NotifierSenderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Key = "0123456789abcdef-secret";

    private sealed class Secrets : ISecretSource
    {
        public string? Get(string name) => name == "HOOK_KEY" ? Key : null;
    }

    private static Notification Alert() => MonitorNotifications.Of(new MonitorAlert
    {
        Id = AlertIds.ForChange("edge", "gw-1", 4, MonitorState.Down),
        Monitor = "edge", Target = "gw-1", Kind = AlertKind.Down, State = MonitorState.Down, Previous = MonitorState.Up,
        Since = T0, Cycle = 4, PlannedCycle = 4, PlannedAt = T0, IncidentKey = AlertIds.IncidentKey("edge", "gw-1"),
    });

    private static NotifierRequest Webhook(string url) => NotifierKinds.Build(
        new NotifierDefinition { Kind = "webhook", Url = SecretText.Inline(url), SigningKey = SecretText.Setting("HOOK_KEY") },
        Alert(), new Secrets(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_request_arrives_as_built_signed_and_with_its_idempotency_key()
    {
        await using var server = RecordingHttpServer.Statuses(202);
        using var sender = new NotifierSender(new NotifierOptions());
        var request = Webhook($"http://{server.Address}/hooks/fleetops?team=ops");

        var result = await sender.SendAsync(request, CancellationToken.None);

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(202, result.Status);
        var received = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/hooks/fleetops?team=ops"), (received.Method, received.Target));
        Assert.Equal(Alert().Id, received.Header("Idempotency-Key"));
        Assert.Equal("application/json; charset=utf-8", received.Header("Content-Type"));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(request.Body), received.Body);
        // The receiver can verify what it got, with the key it shares.
        Assert.True(WebhookSignature.Verify(Key, received.Header(WebhookSignature.TimestampHeader), received.Header(WebhookSignature.SignatureHeader),
            System.Text.Encoding.UTF8.GetBytes(received.Body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(302, false)]
    public async Task Statuses_are_classified_transient_or_permanent(int status, bool transient)
    {
        await using var server = new RecordingHttpServer(_ => new Reply(status, "invalid routing key", ExtraHeaders: "Location: http://127.0.0.1:1/elsewhere\r\n"));
        using var sender = new NotifierSender(new NotifierOptions());

        var result = await sender.SendAsync(Webhook($"http://{server.Address}/x"), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(status, result.Status);
        Assert.Equal(ErrorKind.HttpStatus, result.Error!.Kind);
        Assert.Equal(transient, result.Error.Transient);
        Assert.Contains("invalid routing key", result.Error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests); // no redirect followed, no retry here
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_is_a_transient_timeout()
    {
        await using var server = new RecordingHttpServer(_ => Reply.Hangs);
        using var sender = new NotifierSender(new NotifierOptions { TimeoutMs = 300 });

        var result = await sender.SendAsync(Webhook($"http://{server.Address}/x"), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
        Assert.True(result.Error.Transient);
    }

    [Fact]
    public async Task A_destination_outside_the_allow_list_gets_no_packet()
    {
        await using var server = RecordingHttpServer.Statuses(200);
        using var sender = new NotifierSender(new NotifierOptions { Allow = ["hooks.slack.com", "10.0.0.0/8"] });

        var result = await sender.SendAsync(Webhook($"http://{server.Address}/x"), CancellationToken.None);

        Assert.Equal(ErrorKind.Denied, result.Error!.Kind);
        Assert.False(result.Error.Transient);
        Assert.Equal(0, server.Connections);
    }

    [Theory]
    [InlineData("127.0.0.0/8", null)]
    [InlineData("localhost", "localhost")]
    public async Task A_destination_in_the_allow_list_by_network_or_name_is_reached(string allow, string? host)
    {
        await using var server = RecordingHttpServer.Statuses(200);
        using var sender = new NotifierSender(new NotifierOptions { Allow = [allow] });
        var port = server.Address.Split(':')[1];

        var result = await sender.SendAsync(Webhook($"http://{host ?? "127.0.0.1"}:{port}/x"), CancellationToken.None);

        Assert.True(result.Ok, result.Error?.Message);
    }

    [Fact]
    public async Task Denied_networks_win_over_the_allow_list_and_metadata_is_always_denied()
    {
        await using var server = RecordingHttpServer.Statuses(200);
        using var sender = new NotifierSender(new NotifierOptions { Allow = ["localhost"], Deny = ["127.0.0.0/8", "::1/128"] });
        var port = server.Address.Split(':')[1];

        var denied = await sender.SendAsync(Webhook($"http://localhost:{port}/x"), CancellationToken.None);
        Assert.Equal(ErrorKind.Denied, denied.Error!.Kind);
        Assert.Equal(0, server.Connections);

        using var open = new NotifierSender(new NotifierOptions());
        var metadata = await open.SendAsync(Webhook("http://169.254.169.254/latest/meta-data/"), CancellationToken.None);
        Assert.Equal(ErrorKind.Denied, metadata.Error!.Kind);
        var metadataName = await open.SendAsync(Webhook("http://metadata.google.internal/"), CancellationToken.None);
        Assert.Equal(ErrorKind.Denied, metadataName.Error!.Kind);
    }

    [Fact]
    public async Task A_secret_url_never_appears_in_an_error()
    {
        // A closed port: the connection is refused, and the message must not carry the URL's secret path.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var sender = new NotifierSender(new NotifierOptions());
        var slack = NotifierKinds.Build(new NotifierDefinition { Kind = "slack", Url = SecretText.Inline($"http://127.0.0.1:{port}/services/T0/B0/SECRETPATH") }, Alert(), new Secrets(), T0);

        var result = await sender.SendAsync(slack, CancellationToken.None);

        Assert.Equal(ErrorKind.Refused, result.Error!.Kind);
        Assert.True(result.Error.Transient);
        Assert.DoesNotContain("SECRETPATH", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("slack 127.0.0.1 (url: secret)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_that_quotes_the_url_is_redacted()
    {
        var url = new Uri("https://hooks.slack.com/services/T0/B0/SECRETPATH?x=1");
        var message = NotifierSender.Redact($"failed for {url} (path {url.PathAndQuery})", url);
        Assert.Equal("failed for hooks.slack.com (path /…)", message);
        Assert.Equal("a / b", NotifierSender.Redact("a / b", new Uri("http://am:9093/")));
    }

    [Fact]
    public void A_bad_allow_entry_fails_at_start_up() =>
        Assert.Throws<ArgumentException>(() => new NotifierSender(new NotifierOptions { Allow = ["not a host"] }));
}
