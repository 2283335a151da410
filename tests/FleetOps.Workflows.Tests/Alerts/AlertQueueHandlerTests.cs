using System.Text.Json.Nodes;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Rollouts;
using FleetOps.Workflows.Alerts;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Workflows.Tests.Alerts;

/// <summary>
/// The alert-deliveries handler against real storage (Azurite) and a real receiver on loopback: each (alert,
/// notifier) is sent once however often its message comes, transient failures come back later with a fresh
/// signature, and what cannot be sent goes to poison with the reason (and the monitor's events).
/// </summary>
public sealed class AlertQueueHandlerTests(DeliveryKit kit) : IClassFixture<DeliveryKit>
{
    private static AlertMessage Message(string notifier, Core.Monitors.MonitorAlert? alert = null) => new(notifier) { Alert = alert ?? DeliveryKit.Down(), QueuedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task A_message_delivered_twice_sends_the_alert_once_signed_with_its_id_as_idempotency_key()
    {
        var notifier = await kit.WebhookAsync();
        var message = Message(notifier);

        Assert.Equal(QueueOutcome.Delivered, await kit.DeliverAsync(message));
        Assert.Equal(QueueOutcome.AlreadyDelivered, await kit.DeliverAsync(message));
        Assert.Equal(QueueOutcome.AlreadyDelivered, await kit.DeliverAsync(message, dequeueCount: 2));

        var received = Assert.Single(kit.Receiver.On($"/hook/{notifier}"));
        Assert.Equal(message.Id, received.IdempotencyKey);
        Assert.Equal("monitor.down", received.Header(Core.Notifiers.Kinds.WebhookNotifier.EventHeader));
        Assert.True(WebhookSignature.Verify(DeliveryKit.SigningKey, received.Header(WebhookSignature.TimestampHeader),
            received.Header(WebhookSignature.SignatureHeader), received.Body, kit.Clock.Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(message.Id, JsonNode.Parse(received.Text)!["id"]!.GetValue<string>());
        var record = await kit.Records.GetAsync(message.Id, notifier, CancellationToken.None);
        Assert.Equal((DeliveryState.Sent, 1, 200), (record!.State, record.Attempts, record.Status));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_alert_send_it_once_and_the_others_come_back_later()
    {
        var notifier = await kit.WebhookAsync("/slow");
        kit.Receiver.Respond = r => r.Path.StartsWith("/slow", StringComparison.Ordinal) ? (200, "ok", TimeSpan.FromMilliseconds(500)) : (200, "ok", TimeSpan.Zero);
        var message = Message(notifier);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => kit.DeliverAsync(message)));

        Assert.Single(kit.Receiver.On($"/slow/{notifier}"));
        Assert.Equal(1, outcomes.Count(o => o == QueueOutcome.Delivered));
        Assert.All(outcomes.Where(o => o != QueueOutcome.Delivered), o => Assert.True(o is QueueOutcome.RetryLater or QueueOutcome.AlreadyDelivered, o.ToString()));
        // The ones that found it in flight come back and find it sent.
        for (var i = outcomes.Count(o => o == QueueOutcome.RetryLater); i > 0; i--)
            Assert.Equal(QueueOutcome.AlreadyDelivered, await kit.DeliverAsync(await kit.TakeRetryAsync(message.Id)));
        Assert.Single(kit.Receiver.On($"/slow/{notifier}"));
    }

    [Fact]
    public async Task A_transient_failure_comes_back_as_the_next_attempt_and_is_signed_afresh()
    {
        var notifier = await kit.WebhookAsync("/flaky");
        var calls = 0;
        kit.Receiver.Respond = r => r.Path.StartsWith("/flaky", StringComparison.Ordinal) && Interlocked.Increment(ref calls) == 1
            ? (503, "try later", TimeSpan.Zero) : (200, "ok", TimeSpan.Zero);
        var message = Message(notifier);

        Assert.Equal(QueueOutcome.RetryLater, await kit.DeliverAsync(message));
        var retry = await kit.TakeRetryAsync(message.Id);
        Assert.Equal(2, retry.Attempt);
        kit.Clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(QueueOutcome.Delivered, await kit.DeliverAsync(retry));

        var attempts = kit.Receiver.On($"/flaky/{notifier}");
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(message.Id, a.IdempotencyKey));
        Assert.NotEqual(attempts[0].Header(WebhookSignature.TimestampHeader), attempts[1].Header(WebhookSignature.TimestampHeader));
        Assert.True(WebhookSignature.Verify(DeliveryKit.SigningKey, attempts[1].Header(WebhookSignature.TimestampHeader),
            attempts[1].Header(WebhookSignature.SignatureHeader), attempts[1].Body, kit.Clock.Now, TimeSpan.FromMinutes(1)));
        var record = await kit.Records.GetAsync(message.Id, notifier, CancellationToken.None);
        Assert.Equal((DeliveryState.Sent, 2), (record!.State, record.Attempts));
    }

    [Fact]
    public async Task A_refusing_receiver_is_tried_max_attempts_times_then_poisoned_with_the_reason_and_a_monitor_event()
    {
        var notifier = await kit.WebhookAsync("/refuse");
        kit.Receiver.Respond = r => r.Path.StartsWith("/refuse", StringComparison.Ordinal) ? (500, "database on fire", TimeSpan.Zero) : (200, "ok", TimeSpan.Zero);
        var monitor = "mon-" + Guid.NewGuid().ToString("N")[..6];
        var message = Message(notifier, DeliveryKit.Down(monitor));

        var outcome = await kit.DeliverAsync(message);
        for (var attempt = 2; outcome == QueueOutcome.RetryLater; attempt++)
        {
            var retry = await kit.TakeRetryAsync(message.Id);
            Assert.Equal(attempt, retry.Attempt);
            outcome = await kit.DeliverAsync(retry);
        }

        Assert.Equal(QueueOutcome.Poisoned, outcome);
        Assert.Equal(DeliveryKit.MaxAttempts, kit.Receiver.On($"/refuse/{notifier}").Count);
        var poisoned = await kit.PoisonedAsync(message.Id);
        Assert.Contains($"failed {DeliveryKit.MaxAttempts} attempts", poisoned.Reason);
        Assert.Contains("status 500: database on fire", poisoned.Reason);
        var record = await kit.Records.GetAsync(message.Id, notifier, CancellationToken.None);
        Assert.Equal(DeliveryState.Sending, record!.State); // lapsed claim: a message put back from poison may try again
        var failed = Assert.Single((await kit.Services.GetRequiredService<MonitorEvents>().PageAsync(monitor, null, 10, CancellationToken.None)).Events);
        Assert.Equal((MonitorEventKinds.DeliveryFailed, message.Id, notifier, "gw-1"), (failed.Kind, failed.AlertId, failed.Notifier, failed.Target));
    }

    [Fact]
    public async Task A_message_for_a_notifier_that_does_not_exist_is_poisoned_at_once()
    {
        var message = Message("nobody-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(QueueOutcome.Poisoned, await kit.DeliverAsync(message));
        Assert.Contains($"notifier '{message.Notifier}' does not exist", (await kit.PoisonedAsync(message.Id)).Reason);
    }

    [Fact]
    public async Task A_setting_that_is_not_set_poisons_the_message_naming_the_setting()
    {
        var name = "unset-" + Guid.NewGuid().ToString("N")[..6];
        await kit.Notifiers.PutAsync(name, new NotifierDefinition { Kind = "slack", Url = SecretText.Setting("NO_SUCH_SLACK_URL") }, CancellationToken.None);
        var message = Message(name);

        Assert.Equal(QueueOutcome.Poisoned, await kit.DeliverAsync(message));
        var reason = (await kit.PoisonedAsync(message.Id)).Reason;
        Assert.Contains("attempt 1 failed permanently", reason);
        Assert.Contains("the setting 'NO_SUCH_SLACK_URL' is not set", reason);
        Assert.Equal(DeliveryState.Failed, (await kit.Records.GetAsync(message.Id, name, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_metadata_destination_read_from_a_setting_is_denied_at_send_time_whatever_the_allow_list()
    {
        // The allow list of this kit is every address; link-local stays denied.
        var name = await kit.WebhookAsync(url: SecretText.Setting("METADATA_URL"));
        var message = Message(name);

        Assert.Equal(QueueOutcome.Poisoned, await kit.DeliverAsync(message));
        var reason = (await kit.PoisonedAsync(message.Id)).Reason;
        Assert.Contains("denied", reason);
        Assert.Contains("169.254.0.0/16", reason);
        Assert.DoesNotContain("meta-data", reason); // a URL from a setting may be a credential: only its host is named
    }

    [Fact]
    public async Task A_rollout_notice_goes_out_as_its_event()
    {
        var notifier = await kit.WebhookAsync("/rollout");
        var notice = new RolloutNotice { RunId = "deploy-7", Name = "deploy 7", State = RolloutState.Halted, Reason = "gate budget exceeded", At = DateTimeOffset.UtcNow, Wave = 2, Waves = 3 };

        Assert.Equal(QueueOutcome.Delivered, await kit.DeliverAsync(AlertMessage.For(notice, notifier, DateTimeOffset.UtcNow)));

        var received = Assert.Single(kit.Receiver.On($"/rollout/{notifier}"));
        Assert.Equal(notice.Id, received.IdempotencyKey);
        var body = JsonNode.Parse(received.Text)!;
        Assert.Equal(("rollout.halted", "firing", "gate budget exceeded"), (body["event"]!.GetValue<string>(), body["status"]!.GetValue<string>(), body["detail"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("not json", "not an alert message")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"notifier":"ops"}""", "exactly one of alert and rollout")]
    [InlineData("""{"notifier":"../etc","rollout":{"runId":"r","state":"completed"}}""", "not a notifier name")]
    [InlineData("""{"notifier":"ops","rollout":{"runId":"r","state":"running"}}""", "does not notify")]
    [InlineData("""{"notifier":"ops","alert":{"monitor":"m"}}""", "not an alert message")]
    public async Task A_message_that_is_not_an_alert_message_goes_to_poison_with_why(string body, string why)
    {
        var marked = body.Replace("\"ops\"", $"\"ops-{Guid.NewGuid():N}\"", StringComparison.Ordinal);
        Assert.Equal(QueueOutcome.Poisoned, await kit.DeliverAsync(marked));
        var poisoned = await kit.PoisonedAsync(marked, exact: true);
        Assert.Contains(why, poisoned.Reason);
        Assert.Equal(marked, poisoned.Message);
    }
}
