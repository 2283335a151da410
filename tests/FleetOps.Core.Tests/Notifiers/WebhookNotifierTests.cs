using FleetOps.Core.Notifiers;
using FleetOps.Core.Tests.Monitors;

namespace FleetOps.Core.Tests.Notifiers;

public sealed class WebhookNotifierTests
{
    private const string Key = "0123456789abcdef-secret";
    private static readonly NotifierDefinition Hook = new()
    {
        Kind = "webhook",
        Url = SecretText.Inline("https://hooks.example.com/fleetops?team=ops"),
        SigningKey = SecretText.Setting("HOOK_KEY"),
        Headers = new() { ["Authorization"] = SecretText.Inline("Bearer abc") },
    };
    private static readonly Settings Secrets = new(new() { ["HOOK_KEY"] = Key });

    [Fact]
    public void The_body_is_fleetops_json_with_the_full_alert()
    {
        var request = NotifierKinds.Build(Hook, MonitorNotifications.Of(NotifierKit.Down(dependents: 57)), Secrets, NotifierKit.T0);
        var body = DefinitionKit.Json(request.Body);

        Assert.Equal(NotifierKit.Down().Id, body.GetProperty("id").GetString());
        Assert.Equal("monitor.down", body.GetProperty("event").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("critical", body.GetProperty("severity").GetString());
        Assert.Equal("gw-1 down; 57 dependents unreachable", body.GetProperty("title").GetString());
        Assert.Equal("fleetops/edge/gw-1", body.GetProperty("incidentKey").GetString());
        var alert = body.GetProperty("alert");
        Assert.Equal("edge", alert.GetProperty("monitor").GetString());
        Assert.Equal("down", alert.GetProperty("state").GetString());
        Assert.Equal("refused", alert.GetProperty("errorKind").GetString());
        Assert.Equal(57, alert.GetProperty("dependentsUnreachable").GetInt32());
        Assert.False(body.TryGetProperty("rollout", out _));

        Assert.Equal("https://hooks.example.com/fleetops?team=ops", request.Url.ToString());
        Assert.Equal(NotifierKit.Down().Id, request.Header("Idempotency-Key"));
        Assert.Equal("monitor.down", request.Header("X-FleetOps-Event"));
        Assert.Equal("Bearer abc", request.Header("Authorization"));
    }

    [Fact]
    public void The_signature_is_hmac_sha256_over_timestamp_dot_body_and_verifies()
    {
        var now = NotifierKit.T0.AddSeconds(5);
        var request = NotifierKinds.Build(Hook, MonitorNotifications.Of(NotifierKit.Down()), Secrets, now);
        var timestamp = request.Header(WebhookSignature.TimestampHeader);
        var signature = request.Header(WebhookSignature.SignatureHeader)!;

        Assert.Equal(now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        // Independently computed: HMAC-SHA256(key, "{timestamp}.{body}").
        var message = System.Text.Encoding.UTF8.GetBytes(timestamp + ".").Concat(request.Body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key), message));
        Assert.Equal(expected, signature);

        Assert.True(WebhookSignature.Verify(Key, timestamp, signature, request.Body, now.AddMinutes(1), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Key, timestamp, signature, request.Body, now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-key-0123456", timestamp, signature, request.Body, now, TimeSpan.FromMinutes(5)));
        var tampered = request.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.False(WebhookSignature.Verify(Key, timestamp, signature, tampered, now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Without_a_key_nothing_is_signed()
    {
        var request = NotifierKinds.Build(Hook with { SigningKey = null }, MonitorNotifications.Of(NotifierKit.Down()), Secrets, NotifierKit.T0);
        Assert.Null(request.Header(WebhookSignature.SignatureHeader));
        Assert.Null(request.Header(WebhookSignature.TimestampHeader));
    }

    [Fact]
    public void A_missing_key_setting_fails_the_build_naming_the_setting()
    {
        var e = Assert.Throws<NotifierConfigException>(() => NotifierKinds.Build(Hook, MonitorNotifications.Of(NotifierKit.Down()), Settings.None, NotifierKit.T0));
        Assert.Contains("HOOK_KEY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_destination_for_logs_has_no_query_and_no_header()
    {
        var request = NotifierKinds.Build(Hook, MonitorNotifications.Of(NotifierKit.Down()), Secrets, NotifierKit.T0);
        Assert.Equal("POST webhook https://hooks.example.com/fleetops", request.ToString());
    }
}
