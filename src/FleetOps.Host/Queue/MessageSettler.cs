using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FleetOps.Host.Health;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Queue;

namespace FleetOps.Host.Queue;

/// <summary>
/// Settles one processed message: deleted when handled; on its last allowed delivery (or when it cannot be decoded)
/// moved to <c>{queue}-poison</c> with a record that always fits; else made visible again after host.json's
/// <c>visibilityTimeout</c>. A message that must leave the live queue always does: when the record cannot be written
/// the message is copied to the poison queue as it came, and when even that fails it is dropped with a loud error.
/// </summary>
internal sealed class MessageSettler(QueueClient live, QueueClient rawPoison, PoisonQueue poison, QueueTriggerSettings settings, StorageHealth health, ILogger logger)
{
    public async Task SettleAsync(QueueMessage message, string receipt, QueueDelivery delivery, Exception? failure, bool mustLeave)
    {
        try
        {
            if (failure is null)
                await live.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None).ConfigureAwait(false);
            else if (mustLeave)
                await PoisonAsync(message, receipt, delivery, failure).ConfigureAwait(false);
            else
                await live.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Storage gone or the message's lease lost: it reappears and is processed again (the handlers are idempotent;
            // past maxDequeueCount it goes straight to poison).
            if (StorageFailures.IsUnavailable(e)) health.ReportFailure();
            logger.LogWarning("Queue {Queue}: could not settle message {MessageId}: {Error}", delivery.QueueName, message.MessageId, StorageFailures.Summary(e));
        }
    }

    private async Task PoisonAsync(QueueMessage message, string receipt, QueueDelivery delivery, Exception failure)
    {
        var reason = failure is PoisonFailedException p ? p.Reason : failure;
        if (failure is not PoisonFailedException && await TryAsync(() => poison.SendAsync(delivery, reason, CancellationToken.None), delivery, "the poison record") is null)
        {
            logger.LogError("Queue {Queue}: message {MessageId} moved to poison: {Reason}", delivery.QueueName, message.MessageId, PoisonRecords.Cut(reason.Message, 300));
        }
        else if (await TryAsync(() => rawPoison.SendMessageAsync(message.Body.ToString(), CancellationToken.None), delivery, "a copy of the message") is null)
        {
            logger.LogError("Queue {Queue}: message {MessageId} moved to poison AS IT CAME, without its reason record: {Reason}",
                delivery.QueueName, message.MessageId, PoisonRecords.Cut(reason.Message, 300));
        }
        else
        {
            logger.LogCritical("Queue {Queue}: message {MessageId} DROPPED: it could not be moved to {Poison} in any form. Reason it failed: {Reason}",
                delivery.QueueName, message.MessageId, delivery.PoisonQueueName, PoisonRecords.Cut(reason.Message, 300));
        }
        await live.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Null when it worked; else the failure, logged.</summary>
    private async Task<Exception?> TryAsync(Func<Task> send, QueueDelivery delivery, string what)
    {
        try
        {
            await send().ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            logger.LogError("Queue {Queue}: message {MessageId}: could not write {What} to {Poison}: {Error}",
                delivery.QueueName, delivery.MessageId, what, delivery.PoisonQueueName, StorageFailures.Summary(e));
            return e;
        }
    }
}
