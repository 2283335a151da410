using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Core.Notifiers;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Alerts;

/// <summary>
/// <c>alert-deliveries</c>: each message tells one notifier about one alert (a monitor's change, a rollout's event).
/// Sent at most once per (alert id, notifier) as far as a crash allows (<see cref="DeliveryRecords"/>). A transient
/// failure (timeout, refused, 5xx, 429) is retried by enqueueing the message again, hidden for a backoff that doubles
/// (<c>FleetOps:Notifiers:RetryDelay</c> up to <c>MaxRetryDelay</c>), so no host holds it meanwhile and the other
/// messages go on. After <c>MaxAttempts</c>, or at once for a permanent failure (no such notifier, a missing setting,
/// a 4xx, a denied destination, a message that does not parse), it goes to <c>alert-deliveries-poison</c> with the
/// reason, and a monitor's alert is recorded as a <c>delivery-failed</c> event of its monitor.
/// </summary>
public sealed class AlertQueueHandler(AlertSender sender, AlertOutbox outbox, PoisonQueue poison, MonitorEvents events,
    IOptions<NotifierOptions> options, Telemetry.FleetOpsMetrics metrics, TimeProvider time, ILogger<AlertQueueHandler> logger)
{
    public const string QueueName = AlertOutbox.QueueName;

    public Task<QueueOutcome> HandleAsync(QueueDelivery delivery, CancellationToken ct) =>
        poison.RetryOrPoisonAsync(delivery, () => ProcessAsync(delivery, ct), logger, ct);

    private async Task<QueueOutcome> ProcessAsync(QueueDelivery delivery, CancellationToken ct)
    {
        AlertMessage message;
        try
        {
            message = Parse(delivery.Body);
        }
        catch (AlertDeliveryException e)
        {
            return await PoisonAsync(delivery, null, e, ct).ConfigureAwait(false);
        }

        var result = await sender.DeliverAsync(message, ct).ConfigureAwait(false);
        var attempt = Math.Max(1, message.Attempt);
        var max = options.Value.MaxAttempts;
        switch (result.Status)
        {
            case DeliveryStatus.Sent:
                metrics.AlertDelivery("sent");
                return QueueOutcome.Delivered;
            case DeliveryStatus.AlreadySent:
                logger.LogInformation("Alert {AlertId} was already sent to notifier {Notifier}: nothing to do", message.Id, message.Notifier);
                return QueueOutcome.AlreadyDelivered;
            case DeliveryStatus.Transient when attempt < max:
                var delay = options.Value.RetryDelayAfter(attempt);
                await outbox.EnqueueLaterAsync(message with { Attempt = attempt + 1 }, delay, ct).ConfigureAwait(false);
                metrics.AlertDelivery("retried");
                logger.LogWarning("Alert {AlertId} to notifier {Notifier}: attempt {Attempt}/{Max} failed: {Error}; retrying in {Delay}",
                    message.Id, message.Notifier, attempt, max, result.Error, delay);
                return QueueOutcome.RetryLater;
            case DeliveryStatus.Transient:
                return await PoisonAsync(delivery, message, new AlertDeliveryException(
                    $"alert {message.Id} to notifier '{message.Notifier}': failed {attempt} attempts (FleetOps:Notifiers:MaxAttempts); the last: {result.Error}"), ct).ConfigureAwait(false);
            default:
                return await PoisonAsync(delivery, message, new AlertDeliveryException(
                    $"alert {message.Id} to notifier '{message.Notifier}': attempt {attempt} failed permanently: {result.Error}"), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Our own messages, read tolerantly (a newer or older version may have written them), then checked.</summary>
    internal static AlertMessage Parse(string body)
    {
        AlertMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<AlertMessage>(body, FleetOpsJson.Options);
        }
        catch (JsonException e)
        {
            throw new AlertDeliveryException($"the message is not an alert message: {e.Message}");
        }
        if (message is null) throw new AlertDeliveryException("the message is JSON null, not an alert message");
        if (string.IsNullOrEmpty(message.Notifier) || RequestIds.Check(message.Notifier) is not null)
            throw new AlertDeliveryException($"notifier: {Echo.Quote(message.Notifier)} is not a notifier name");
        if ((message.Alert is null) == (message.Rollout is null))
            throw new AlertDeliveryException("the message must carry exactly one of alert and rollout");
        if (message.Rollout is { } notice && !RolloutNotice.Notified.Contains(notice.State))
            throw new AlertDeliveryException($"rollout: a rollout in state {notice.StateName} does not notify");
        if (RequestIds.Check(message.Id) is { } problem) throw new AlertDeliveryException($"id: {Echo.Quote(message.Id)} {problem}");
        return message;
    }

    private async Task<QueueOutcome> PoisonAsync(QueueDelivery delivery, AlertMessage? message, AlertDeliveryException reason, CancellationToken ct)
    {
        await poison.SendAsync(delivery, reason, ct).ConfigureAwait(false);
        metrics.AlertDelivery("failed");
        logger.LogError("Queue {Queue} message {MessageId} moved to {Poison}: {Reason}", delivery.QueueName, delivery.MessageId, delivery.PoisonQueueName, reason.Message);
        if (message?.Alert is { } alert)
        {
            try
            {
                await events.AppendAsync(alert.Monitor, new MonitorEvent(MonitorEventKinds.DeliveryFailed, time.GetUtcNow())
                {
                    Target = alert.Target, AlertId = alert.Id, Notifier = message.Notifier, Message = reason.Message,
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Monitor {Monitor}: could not record the failed delivery of alert {AlertId}: {Error}", alert.Monitor, alert.Id, e.Message.Split('\n')[0]);
            }
        }
        return QueueOutcome.Poisoned;
    }
}

/// <summary>Why an alert message was not delivered, for good: the poison record's reason.</summary>
public sealed class AlertDeliveryException(string message) : Exception(message);
