using System.Text.Json.Nodes;
using FleetOps.Api;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Notifier definitions through the real host's HTTP API: stored, shown without secrets, refused naming the field, tested.</summary>
[Collection(AlertHostCollection.Name)]
public sealed class NotifierApiTests(AlertHostEnvironment env)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Every_kind_is_stored_then_shown_without_its_secrets_listed_and_deleted()
    {
        var names = new Dictionary<string, string>
        {
            ["webhook"] = $$$"""{"kind":"webhook","url":"{{{env.Receiver.BaseUrl}}}/api-hook","signingKey":"INLINE-SIGNING-KEY-0a1b2c3d","headers":{"Authorization":"Bearer INLINE-HEADER-SECRET-55"}}""",
            ["slack"] = $$"""{"kind":"slack","url":"{{env.Receiver.BaseUrl}}/services/T000/B000/INLINESLACKSECRET77"}""",
            ["teams"] = """{"kind":"teams","url":{"fromSetting":"TEAMS_URL"}}""",
            ["pagerduty"] = """{"kind":"pagerduty","routingKey":"INLINEPDKEY31415","severity":"error"}""",
            ["alertmanager"] = $$"""{"kind":"alertmanager","url":"{{env.Receiver.BaseUrl}}","alertLabels":{"team":"net"},"holdFor":"2h"}""",
        }.ToDictionary(kv => Unique(kv.Key), kv => kv.Value);

        foreach (var (name, json) in names)
        {
            var (created, body, text) = await env.Api.PutNotifierAsync(name, json);
            Assert.True(created == 201, $"{name}: {created} {text}");
            Assert.Equal(name, body!["name"]!.GetValue<string>());
            Assert.Equal(200, (await env.Api.PutNotifierAsync(name, json)).Status);
        }
        var shown = new Dictionary<string, JsonNode>();
        foreach (var name in names.Keys)
        {
            var (status, body, text) = await env.Api.CallAsync(Routes.GetNotifier, name);
            Assert.Equal(200, status);
            foreach (var secret in new[] { "INLINE-SIGNING-KEY", "INLINE-HEADER-SECRET", "INLINESLACKSECRET", "INLINEPDKEY", "ENVTEAMSSECRET" })
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            shown[name.Split('-')[0]] = body!;
        }
        Assert.Equal("set", shown["webhook"]["signingKey"]!.GetValue<string>());
        Assert.Equal("set", shown["webhook"]["headers"]!["Authorization"]!.GetValue<string>());
        Assert.Equal($"{env.Receiver.BaseUrl}/api-hook", shown["webhook"]["url"]!.GetValue<string>()); // an address, not a credential
        Assert.Equal("set", shown["slack"]["url"]!.GetValue<string>());
        Assert.Equal("TEAMS_URL", shown["teams"]["url"]!["fromSetting"]!.GetValue<string>());
        Assert.Equal(("set", "error"), (shown["pagerduty"]["routingKey"]!.GetValue<string>(), shown["pagerduty"]["severity"]!.GetValue<string>()));
        Assert.Equal("net", shown["alertmanager"]["alertLabels"]!["team"]!.GetValue<string>());

        var (_, list, _) = await env.Api.CallAsync(Routes.ListNotifiers);
        Assert.Subset(list!["notifiers"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(), names.Keys.ToHashSet());

        var gone = names.Keys.First();
        Assert.Equal(200, (await env.Api.CallAsync(Routes.DeleteNotifier, gone)).Status);
        var (notFound, problem, _) = await env.Api.CallAsync(Routes.GetNotifier, gone);
        Assert.Equal(404, notFound);
        Assert.Equal("name", problem!["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(404, (await env.Api.CallAsync(Routes.DeleteNotifier, gone)).Status);
    }

    [Theory]
    [InlineData("""{"kind":"webhook","url":"http://127.0.0.1:9/x","colour":"red"}""", "colour")]
    [InlineData("""{"kind":"pager","url":"http://127.0.0.1:9/x"}""", "kind")]
    [InlineData("""{"url":"http://127.0.0.1:9/x"}""", "kind")]
    [InlineData("""{"kind":"slack","url":"https://hooks.slack.com/services/T/B/X","signingKey":"0123456789abcdef"}""", "signingKey")]
    [InlineData("""{"kind":"webhook"}""", "url")]
    [InlineData("""{"kind":"webhook","url":"/relative"}""", "url")]
    [InlineData("""{"kind":"webhook","url":"http://user:pass@127.0.0.1/x"}""", "url")]
    [InlineData("""{"kind":"webhook","url":"http://127.0.0.1:9/x","signingKey":"short"}""", "signingKey")]
    [InlineData("""{"kind":"webhook","url":"http://127.0.0.1:9/x","headers":{"Idempotency-Key":"mine"}}""", "headers.Idempotency-Key")]
    [InlineData("""{"kind":"slack","url":{"fromSetting":"FleetOps__ApiKey"}}""", "url.fromSetting")]
    [InlineData("""{"kind":"pagerduty","routingKey":{"fromSetting":"AzureWebJobsStorage"}}""", "routingKey.fromSetting")]
    [InlineData("""{"kind":"pagerduty","routingKey":{"fromSetting":"PD","extra":1}}""", "routingKey")]
    [InlineData("""{"kind":"pagerduty","routingKey":"k","severity":"sev1"}""", "severity")]
    [InlineData("""{"kind":"alertmanager","url":"http://127.0.0.1:9","alertLabels":{"alertname":"x"}}""", "alertLabels.alertname")]
    [InlineData("""{"kind":"alertmanager","url":"http://127.0.0.1:9","holdFor":"forever"}""", "holdFor")]
    [InlineData("""{"kind":"webhook","url":"http://127.0.0.1:9/x","kind":"slack"}""", "kind")]
    [InlineData("""{"name":"other","kind":"webhook","url":"http://127.0.0.1:9/x"}""", "name")]
    [InlineData("""not json""", "body")]
    // Link-local, metadata and this-host destinations are refused when stored, whatever FleetOps:Notifiers:Allow says.
    [InlineData("""{"kind":"webhook","url":"http://169.254.169.254/latest/meta-data/"}""", "url")]
    [InlineData("""{"kind":"webhook","url":"http://2852039166/"}""", "url")]
    [InlineData("""{"kind":"webhook","url":"http://[::ffff:169.254.169.254]/"}""", "url")]
    [InlineData("""{"kind":"alertmanager","url":"http://[fe80::1]:9093"}""", "url")]
    [InlineData("""{"kind":"slack","url":"http://metadata.google.internal/computeMetadata/v1/SECRETPATH"}""", "url")]
    [InlineData("""{"kind":"teams","url":"http://100.100.100.200/x"}""", "url")]
    [InlineData("""{"kind":"webhook","url":"http://0.0.0.0:80/x"}""", "url")]
    public async Task A_bad_definition_is_a_400_problem_naming_the_field(string json, string field)
    {
        var name = Unique("bad");
        var (status, problem, text) = await env.Api.PutNotifierAsync(name, json);
        Assert.True(status == 400, $"{status}: {text}");
        Assert.Contains(problem!["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        Assert.DoesNotContain("SECRETPATH", text, StringComparison.Ordinal);
        Assert.Equal(404, (await env.Api.CallAsync(Routes.GetNotifier, name)).Status); // nothing stored
    }

    [Fact]
    public async Task A_bad_name_in_the_path_is_a_400_naming_it() =>
        Assert.Equal(400, (await env.Api.PutNotifierAsync("bad name!", """{"kind":"webhook","url":"http://127.0.0.1:9/x"}""")).Status);

    [Fact]
    public async Task The_test_route_sends_a_test_message_now_and_reports_the_receivers_answer()
    {
        var ok = Unique("test-ok");
        var refused = Unique("test-refused");
        var metadata = Unique("test-metadata");
        env.Receiver.Respond = r => r.Path.StartsWith("/test-refused", StringComparison.Ordinal) ? (400, """{"status":"invalid event"}""", TimeSpan.Zero) : (200, "ok", TimeSpan.Zero);
        await env.Api.PutOkAsync(ok, $$$"""{"kind":"webhook","url":"{{{env.Receiver.BaseUrl}}}/test-ok","signingKey":{"fromSetting":"HOOK_KEY"}}""");
        await env.Api.PutOkAsync(refused, $$$"""{"kind":"pagerduty","url":"{{{env.Receiver.BaseUrl}}}/test-refused","routingKey":{"fromSetting":"PD_ROUTING_KEY"}}""");
        await env.Api.PutOkAsync(metadata, """{"kind":"webhook","url":{"fromSetting":"METADATA_URL"}}""");

        var (status, body, _) = await env.Api.CallAsync(Routes.TestNotifier, ok);
        Assert.Equal(200, status);
        Assert.Equal((true, 200, "ok"), (body!["ok"]!.GetValue<bool>(), body["status"]!.GetValue<int>(), body["answer"]!.GetValue<string>()));
        var received = Assert.Single(env.Receiver.On("/test-ok"));
        Assert.Equal("test", received.Json()["event"]!.GetValue<string>());
        Assert.True(Core.Notifiers.WebhookSignature.Verify(AlertHostEnvironment.HookKey, received.Header("X-FleetOps-Timestamp"), received.Header("X-FleetOps-Signature"),
            received.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        (status, body, _) = await env.Api.CallAsync(Routes.TestNotifier, refused);
        Assert.Equal(502, status);
        Assert.Equal((false, 400, "http-status"), (body!["ok"]!.GetValue<bool>(), body["status"]!.GetValue<int>(), body["errorKind"]!.GetValue<string>()));
        Assert.Contains("invalid event", body["answer"]!.GetValue<string>());
        Assert.Equal("resolve", Assert.Single(env.Receiver.On("/test-refused")).Json()["event_action"]!.GetValue<string>());

        (status, body, _) = await env.Api.CallAsync(Routes.TestNotifier, metadata);
        Assert.Equal(502, status);
        Assert.Equal("denied", body!["errorKind"]!.GetValue<string>());

        Assert.Equal(404, (await env.Api.CallAsync(Routes.TestNotifier, Unique("nobody"))).Status);
    }
}
