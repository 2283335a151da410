using System.Text.Json;
using Azure.Storage.Queues;
using FleetOps.Core;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Alerts;

/// <summary>
/// Hands alerts to delivery: one message per (alert, notifier) on the storage queue <c>alert-deliveries</c>. Whoever
/// plans alerts (a monitor cycle, a rollout) only enqueues, so a slow or dead receiver never delays probing; the
/// delivery handler retries, de-duplicates and poisons. Enqueueing again after a crash is safe: delivery is keyed by
/// (alert id, notifier).
/// </summary>
public sealed class AlertOutbox(StorageClients storage)
{
    public const string QueueName = "alert-deliveries";

    private readonly QueueClient _queue = storage.Queues.GetQueueClient(QueueName);
    private int _created;

    public async Task EnqueueAsync(IEnumerable<AlertMessage> messages, CancellationToken ct)
    {
        await EnsureQueueAsync(ct).ConfigureAwait(false);
        foreach (var message in messages)
            await _queue.SendMessageAsync(JsonSerializer.Serialize(message, FleetOpsJson.Options), ct).ConfigureAwait(false);
    }

    /// <summary>A retry: the message again, hidden for <paramref name="delay"/> (the queue keeps it; no host holds it meanwhile).</summary>
    public async Task EnqueueLaterAsync(AlertMessage message, TimeSpan delay, CancellationToken ct)
    {
        await EnsureQueueAsync(ct).ConfigureAwait(false);
        await _queue.SendMessageAsync(JsonSerializer.Serialize(message, FleetOpsJson.Options), visibilityTimeout: delay, cancellationToken: ct).ConfigureAwait(false);
    }

    private async Task EnsureQueueAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created) == 1) return;
        await _queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        Volatile.Write(ref _created, 1);
    }
}
