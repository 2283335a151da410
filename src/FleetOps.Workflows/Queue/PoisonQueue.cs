using System.Text.Json;
using FleetOps.Core;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Queue;

/// <summary>
/// Moves a message that cannot be processed to its poison queue, with the reason. The record always fits a queue
/// message: a bigger one is cut short and its full text goes to a blob in <see cref="DetailsContainer"/> it points to.
/// </summary>
public sealed class PoisonQueue(StorageClients storage, TimeProvider time, ILogger<PoisonQueue> logger)
{
    public const string DetailsContainer = "fleetops-poison";
    private readonly BlobJsonStore _details = new(storage.Blobs, DetailsContainer);

    /// <summary>
    /// The queue triggers' failure policy (Functions semantics): a failure is thrown back to the host, which makes the
    /// message visible again; on the last allowed delivery the message goes to the poison queue with its reason instead.
    /// If even that fails, <see cref="PoisonFailedException"/> goes to the host, whose own poison handling (Functions:
    /// the runtime's; the self-host: its listener) moves the message as it is: it never stays on the live queue.
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
            try
            {
                await SendAsync(delivery, e, ct).ConfigureAwait(false);
            }
            catch (Exception sendFailure) when (sendFailure is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new PoisonFailedException(delivery, e, sendFailure);
            }
            logger.LogError("Queue {Queue} message {MessageId} moved to {Poison} after {Attempt} attempts: {Reason}",
                delivery.QueueName, delivery.MessageId, delivery.PoisonQueueName, delivery.DequeueCount, PoisonRecords.Cut(e.Message, 300));
            return QueueOutcome.Poisoned;
        }
    }

    /// <summary>Sends the poison record; throws only when the poison queue itself cannot be written.</summary>
    public async Task SendAsync(QueueDelivery delivery, Exception reason, CancellationToken ct)
    {
        var record = PoisonRecords.Full(delivery, reason, time.GetUtcNow());
        if (!PoisonRecords.Fits(record))
        {
            string? details = null;
            try
            {
                var name = $"{delivery.QueueName}/{delivery.MessageId}.json";
                await _details.WriteAsync(name, record, ct).ConfigureAwait(false);
                details = $"{DetailsContainer}/{name}";
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError("Queue {Queue} message {MessageId}: could not store the full poison details ({Error}); the poison record keeps a shortened copy",
                    delivery.QueueName, delivery.MessageId, e.Message.Split('\n')[0]);
            }
            record = PoisonRecords.Compact(record, details);
        }
        var queue = storage.Queues.GetQueueClient(delivery.PoisonQueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await queue.SendMessageAsync(JsonSerializer.Serialize(record, FleetOpsJson.Options), ct).ConfigureAwait(false);
    }
}

/// <summary>The poison queue could not take the record: the host must move the message itself (it must not stay).</summary>
public sealed class PoisonFailedException(QueueDelivery delivery, Exception reason, Exception sendFailure)
    : Exception($"could not move message {delivery.MessageId} to {delivery.PoisonQueueName} ({sendFailure.Message.Split('\n')[0]}); it failed with: {reason.Message}", sendFailure)
{
    public Exception Reason { get; } = reason;
}
