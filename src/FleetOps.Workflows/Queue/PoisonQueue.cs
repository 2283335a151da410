using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Queue;

/// <summary>Moves a message that cannot be processed to its poison queue, with the reason.</summary>
public sealed class PoisonQueue(StorageClients storage)
{
    /// <summary>
    /// The queue triggers' failure policy (Functions semantics): a failure is thrown back to the host, which makes the
    /// message visible again; on the last allowed delivery the message goes to the poison queue with its reason instead.
    /// </summary>
    public async Task<QueueOutcome> RetryOrPoisonAsync(QueueDelivery delivery, Func<Task<QueueOutcome>> process, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await process().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (!delivery.IsLastAttempt)
            {
                logger.LogWarning("Queue {Queue} message {MessageId} attempt {Attempt}/{Max} failed: {Reason}",
                    delivery.QueueName, delivery.MessageId, delivery.DequeueCount, delivery.MaxDequeueCount, e.Message);
                throw;
            }
            await SendAsync(delivery, e, ct).ConfigureAwait(false);
            logger.LogError("Queue {Queue} message {MessageId} moved to {Poison} after {Attempt} attempts: {Reason}",
                delivery.QueueName, delivery.MessageId, delivery.PoisonQueueName, delivery.DequeueCount, e.Message);
            return QueueOutcome.Poisoned;
        }
    }

    public async Task SendAsync(QueueDelivery delivery, Exception reason, CancellationToken ct)
    {
        var errors = (reason as RequestValidationException)?.Errors;
        var envelope = new PoisonMessage(reason.Message, errors, delivery.QueueName, delivery.MessageId, delivery.DequeueCount, DateTimeOffset.UtcNow, delivery.Body);
        var queue = storage.Queues.GetQueueClient(delivery.PoisonQueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await queue.SendMessageAsync(JsonSerializer.Serialize(envelope, FleetOpsJson.Options), ct).ConfigureAwait(false);
    }
}
