using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Queue;

/// <summary>Moves a message that cannot be processed to its poison queue, with the reason.</summary>
public sealed class PoisonQueue(StorageClients storage)
{
    public async Task SendAsync(QueueDelivery delivery, Exception reason, CancellationToken ct)
    {
        var errors = (reason as RequestValidationException)?.Errors;
        var envelope = new PoisonMessage(reason.Message, errors, delivery.QueueName, delivery.MessageId, delivery.DequeueCount, DateTimeOffset.UtcNow, delivery.Body);
        var queue = storage.Queues.GetQueueClient(delivery.PoisonQueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await queue.SendMessageAsync(JsonSerializer.Serialize(envelope, FleetOpsJson.Options), ct).ConfigureAwait(false);
    }
}
