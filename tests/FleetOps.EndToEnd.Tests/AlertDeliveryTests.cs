using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Core.Notifiers;
using FleetOps.Testing;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.AlertKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// Alerts handed to the real self-host on alert-deliveries, delivered to receivers on loopback that check what
/// their services document: a signed FleetOps webhook, Slack, Teams and PagerDuty; retries, poison, policy, secrets.
/// </summary>
[Collection(AlertHostCollection.Name)]
public sealed class AlertDeliveryTests(AlertHostEnvironment env, ITestOutputHelper output)
{
    private NotificationReceiver Receiver => env.Receiver;
    private string Storage => env.Storage.ConnectionString;
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Webhook_alerts_arrive_signed_and_each_alert_once_however_often_it_is_enqueued()
    {
        var notifier = Unique("hook");
        await env.Api.PutOkAsync(notifier, $$$"""{"kind":"webhook","url":"{{{Receiver.BaseUrl}}}/{{{notifier}}}","signingKey":{"fromSetting":"HOOK_KEY"}}""");
        var alerts = Enumerable.Range(0, 8).Select(i => Down("edge", $"web-{i}")).ToList();
        // Each alert twice, as a re-planned cycle would enqueue it again.
        await EnqueueAsync(Storage, [.. alerts.Select(a => a.To(notifier)), .. alerts.Select(a => a.To(notifier))]);

        await Receiver.UntilAsync(r => r.On("/" + notifier).Count >= alerts.Count, 60, "all alerts received");
        await Task.Delay(1500); // the duplicates have been taken off the queue by now; none may have been sent
        await DrainedAsync(Storage, 30);

        var received = Receiver.On("/" + notifier);
        Assert.Equal(alerts.Select(a => a.Id).Order(), received.Select(r => r.IdempotencyKey).Order());
        foreach (var r in received)
        {
            Assert.True(WebhookSignature.Verify(AlertHostEnvironment.HookKey, r.Header(WebhookSignature.TimestampHeader), r.Header(WebhookSignature.SignatureHeader),
                r.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), $"bad signature on {r.IdempotencyKey}");
            var body = r.Json();
            Assert.Equal((r.IdempotencyKey, "monitor.down", "firing"), (body["id"]!.GetValue<string>(), body["event"]!.GetValue<string>(), body["status"]!.GetValue<string>()));
            Assert.Equal("fleetops/edge/" + body["alert"]!["target"]!.GetValue<string>(), body["incidentKey"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Slack_teams_and_pagerduty_receive_their_documented_payloads_and_resolves()
    {
        var slack = Unique("slack");
        var teams = Unique("teams");
        var pager = Unique("pd");
        await env.Api.PutOkAsync(slack, $$"""{"kind":"slack","url":"{{Receiver.BaseUrl}}/{{slack}}/T000/B000/XXXX"}""");
        await env.Api.PutOkAsync(teams, """{"kind":"teams","url":{"fromSetting":"TEAMS_URL"}}""");
        await env.Api.PutOkAsync(pager, $$"""{"kind":"pagerduty","url":"{{Receiver.BaseUrl}}/{{pager}}","routingKey":{"fromSetting":"PD_ROUTING_KEY"},"severity":"error"}""");
        var down = Down("edge", Unique("gw"));
        var up = Up(down);
        await EnqueueAsync(Storage, down.To(slack), down.To(teams), down.To(pager));
        await Receiver.UntilAsync(r => r.RawByKey.GetValueOrDefault(down.Id) >= 3, 60, "the down at all three");
        await EnqueueAsync(Storage, up.To(slack), up.To(teams), up.To(pager));
        await Receiver.UntilAsync(r => r.RawByKey.GetValueOrDefault(up.Id) >= 3, 60, "the up at all three");

        // Slack incoming webhook: text (the fallback) and Block Kit blocks.
        var slackDown = Receiver.On($"/{slack}/T000/B000/XXXX").Single(r => r.IdempotencyKey == down.Id).Json();
        Assert.Contains($"{down.Target} down", slackDown["text"]!.GetValue<string>());
        var blocks = slackDown["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal("plain_text", blocks[0]!["text"]!["type"]!.GetValue<string>());
        Assert.All(blocks, b => Assert.Contains(b!["type"]!.GetValue<string>(), new[] { "header", "section", "context" }));
        Assert.Contains(blocks, b => b!["fields"] is JsonArray fields && fields.All(f => f!["type"]!.GetValue<string>() == "mrkdwn"));
        Assert.StartsWith("✅", Receiver.On($"/{slack}/T000/B000/XXXX").Single(r => r.IdempotencyKey == up.Id).Json()["text"]!.GetValue<string>());

        // Teams: a message with one Adaptive Card attachment.
        var teamsDown = Receiver.On(AlertHostEnvironment.TeamsSecretPath).Single(r => r.IdempotencyKey == down.Id).Json();
        Assert.Equal("message", teamsDown["type"]!.GetValue<string>());
        var attachment = teamsDown["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal(("AdaptiveCard", "1.4"), (attachment["content"]!["type"]!.GetValue<string>(), attachment["content"]!["version"]!.GetValue<string>()));
        Assert.Contains(attachment["content"]!["body"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "FactSet");

        // PagerDuty Events API v2: trigger, then resolve on the same dedup_key.
        var trigger = Receiver.On("/" + pager).Single(r => r.IdempotencyKey == down.Id).Json();
        var resolve = Receiver.On("/" + pager).Single(r => r.IdempotencyKey == up.Id).Json();
        Assert.Equal((AlertHostEnvironment.PagerDutyKey, "trigger"), (trigger["routing_key"]!.GetValue<string>(), trigger["event_action"]!.GetValue<string>()));
        Assert.Equal(("error", "10.0.0.1:22"), (trigger["payload"]!["severity"]!.GetValue<string>(), trigger["payload"]!["source"]!.GetValue<string>()));
        Assert.Contains($"{down.Target} down", trigger["payload"]!["summary"]!.GetValue<string>());
        Assert.Equal("resolve", resolve["event_action"]!.GetValue<string>());
        Assert.Equal(down.IncidentKey, trigger["dedup_key"]!.GetValue<string>());
        Assert.Equal(trigger["dedup_key"]!.GetValue<string>(), resolve["dedup_key"]!.GetValue<string>());
        Assert.Null(resolve["payload"]);
    }

    [Fact]
    public async Task A_refusing_notifier_is_retried_then_poisoned_with_the_reason_while_other_alerts_go_out()
    {
        var refusing = Unique("refusing");
        var healthy = Unique("healthy");
        // Slow and then refusing: the worst a receiver can do without hanging past the timeout.
        Receiver.Respond = r => r.Path.StartsWith("/" + refusing, StringComparison.Ordinal) ? (500, "upstream on fire", TimeSpan.FromSeconds(2)) : (200, "ok", TimeSpan.Zero);
        await env.Api.PutOkAsync(refusing, $$"""{"kind":"webhook","url":"{{Receiver.BaseUrl}}/{{refusing}}"}""");
        await env.Api.PutOkAsync(healthy, $$"""{"kind":"webhook","url":"{{Receiver.BaseUrl}}/{{healthy}}"}""");
        var refused = Down("edge", "db-1");
        var others = Enumerable.Range(0, 5).Select(i => Down("edge", $"app-{i}")).ToList();
        await EnqueueAsync(Storage, refused.To(refusing));
        await Receiver.UntilAsync(r => r.On("/" + refusing).Count == 1, 60, "the first refused attempt under way");
        await EnqueueAsync(Storage, [.. others.Select(a => a.To(healthy))]);

        await Receiver.UntilAsync(r => r.On("/" + healthy).Count == others.Count, 60, "the other alerts delivered");
        // Delivered while the refusing receiver still held its first attempt: it delayed nothing.
        Assert.Single(Receiver.On("/" + refusing));
        Assert.DoesNotContain(await PoisonedAsync(Storage), p => p.Message?.Contains(refused.Id, StringComparison.Ordinal) == true);

        var poisoned = await PoisonedAsync(Storage, refused.Id, 90);
        output.WriteLine($"poison reason: {poisoned.Reason}");
        Assert.Equal(AlertHostEnvironment.MaxAttempts, Receiver.On("/" + refusing).Count);
        Assert.All(Receiver.On("/" + refusing), r => Assert.Equal(refused.Id, r.IdempotencyKey));
        Assert.Contains($"failed {AlertHostEnvironment.MaxAttempts} attempts", poisoned.Reason);
        Assert.Contains("status 500: upstream on fire", poisoned.Reason);
        Assert.Equal("alert-deliveries", poisoned.Queue);

        // The same story in /metrics (at least: other tests share the host).
        using var http = env.Host.CreateClient();
        var metrics = await http.GetStringAsync("/metrics");
        Assert.True(Delivered(metrics, "failed") >= 1, metrics);
        Assert.True(Delivered(metrics, "retried") >= AlertHostEnvironment.MaxAttempts - 1, metrics);
        Assert.True(Delivered(metrics, "sent") >= others.Count, metrics);
    }

    private static double Delivered(string metrics, string outcome) => metrics.Split('\n')
        .Where(l => l.StartsWith("fleetops_alert_deliveries_total{", StringComparison.Ordinal) && l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
        // "name{labels} value [timestamp]": the value is the first token after the labels.
        .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_metadata_destination_is_refused_when_stored_and_denied_at_send_time_whatever_the_allow_list()
    {
        var (status, problem, _) = await env.Api.PutNotifierAsync(Unique("meta"), """{"kind":"webhook","url":"http://169.254.169.254/latest/meta-data/"}""");
        Assert.Equal(400, status);
        Assert.Contains("169.254.0.0/16", problem!["errors"]![0]!["message"]!.GetValue<string>());

        // A URL read from a setting is known only at send time: it is judged there, on the address it names.
        var byReference = Unique("meta-ref");
        await env.Api.PutOkAsync(byReference, """{"kind":"webhook","url":{"fromSetting":"METADATA_URL"}}""");
        var alert = Down("edge", "gw-9");
        await EnqueueAsync(Storage, alert.To(byReference));

        var poisoned = await PoisonedAsync(Storage, alert.Id, 60);
        Assert.Contains("attempt 1 failed permanently", poisoned.Reason);
        Assert.Contains("denied", poisoned.Reason);
        Assert.Contains("169.254.0.0/16", poisoned.Reason);
    }

    [Fact]
    public async Task No_secret_appears_in_a_response_or_in_the_hosts_output()
    {
        string[] inline = ["INLINE-SIGNING-KEY-9z8y7x6w", "INLINE-HEADER-SECRET-4242", "INLINESLACKSECRETPATH99", "INLINEPDKEY27182818"];
        var hook = Unique("s-hook");
        var slack = Unique("s-slack");
        var slackDead = Unique("s-dead");
        var pager = Unique("s-pd");
        var teams = Unique("s-teams");
        Receiver.Respond = r => r.Path.Contains("INLINESLACKSECRETPATH99", StringComparison.Ordinal) ? (500, "no", TimeSpan.Zero) : (200, "ok", TimeSpan.Zero);
        var responses = new List<string>
        {
            (await env.Api.PutNotifierAsync(hook, $$$"""{"kind":"webhook","url":"{{{Receiver.BaseUrl}}}/{{{hook}}}","signingKey":"{{{inline[0]}}}","headers":{"Authorization":"Bearer {{{inline[1]}}}"}}""")).Text,
            (await env.Api.PutNotifierAsync(slack, $$"""{"kind":"slack","url":"{{Receiver.BaseUrl}}/services/T0/B0/{{inline[2]}}"}""")).Text,
            (await env.Api.PutNotifierAsync(slackDead, $$"""{"kind":"slack","url":"http://127.0.0.1:9/services/T0/B0/{{inline[2]}}"}""")).Text,
            (await env.Api.PutNotifierAsync(pager, $$"""{"kind":"pagerduty","url":"{{Receiver.BaseUrl}}/{{pager}}","routingKey":"{{inline[3]}}"}""")).Text,
            (await env.Api.PutNotifierAsync(teams, """{"kind":"teams","url":{"fromSetting":"TEAMS_URL"}}""")).Text,
        };
        foreach (var name in new[] { hook, slack, slackDead, pager, teams })
        {
            responses.Add((await env.Api.CallAsync(Routes.GetNotifier, name)).Text);
            responses.Add((await env.Api.CallAsync(Routes.TestNotifier, name)).Text);
        }
        responses.Add((await env.Api.CallAsync(Routes.ListNotifiers)).Text);
        // Deliveries that succeed, are refused (500 from a secret URL), and cannot connect (a secret URL to a closed port).
        var alerts = new[] { hook, slack, slackDead, pager, teams }.Select(n => (Alert: Down("edge", Unique("t")), Notifier: n)).ToList();
        await EnqueueAsync(Storage, [.. alerts.Select(a => a.Alert.To(a.Notifier))]);
        foreach (var (alert, _) in alerts.Where(a => a.Notifier != slack && a.Notifier != slackDead))
            await Receiver.UntilAsync(r => r.RawByKey.ContainsKey(alert.Id), 60, $"alert {alert.Id}");
        foreach (var (alert, _) in alerts.Where(a => a.Notifier == slack || a.Notifier == slackDead))
            await PoisonedAsync(Storage, alert.Id, 90);
        var poison = string.Join('\n', (await PoisonedAsync(Storage)).Select(p => p.Reason + p.Message));
        await Task.Delay(500); // the last log lines

        var secrets = inline.Concat([AlertHostEnvironment.HookKey, AlertHostEnvironment.PagerDutyKey, "ENVTEAMSSECRET91b7"]).ToList();
        var lines = env.Host.Process.Lines;
        output.WriteLine($"host output: {lines.Count} lines; responses: {responses.Count}; e.g. {lines.LastOrDefault(l => l.Contains("sent to notifier", StringComparison.Ordinal))}");
        Assert.Contains(lines, l => l.Contains($"sent to notifier {hook}", StringComparison.Ordinal)); // the log does speak of these deliveries
        Assert.Contains(lines, l => l.Contains(slackDead, StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(responses, r => r.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, poison, StringComparison.Ordinal);
        }
    }
}
