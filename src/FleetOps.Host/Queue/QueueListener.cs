using FleetOps.Workflows.Hosting;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Storage;

namespace FleetOps.Host.Queue;

/// <summary>A queue trigger: the queue's name and the shared handler that processes one delivery.</summary>
public sealed record QueueBinding(string QueueName, Func<QueueDelivery, CancellationToken, Task> HandleAsync);

/// <summary>
/// Polls one storage queue with the Azure Functions queue trigger's semantics, configured from host.json:
/// batches of <c>batchSize</c>, a new fetch when in-flight messages drop to <c>newBatchThreshold</c>, exponential
/// polling backoff up to <c>maxPollingInterval</c>, base64 message bodies, failed messages made visible again after
/// <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> deliveries the message goes to <c>{queue}-poison</c>.
/// </summary>
public sealed class QueueListener(QueueBinding binding, StorageClients storage, QueueTriggerSettings settings, PoisonQueue poison, ILogger<QueueListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a received message stays invisible while processed; renewed at half-time while work goes on.</summary>
    internal static readonly TimeSpan ProcessingVisibility = TimeSpan.FromSeconds(30);

    // Bodies are decoded here, not by the SDK, so one message that is not base64 goes to poison instead of failing the batch.
    private readonly QueueClient _queue = storage.RawQueues.GetQueueClient(binding.QueueName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await storage.Queues.GetQueueClient(binding.QueueName + "-poison").CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        logger.LogInformation("Listening on queue {Queue} (batch {Batch}, max dequeue {Max})", binding.QueueName, settings.BatchSize, settings.MaxDequeueCount);

        var inFlight = new HashSet<Task>();
        var delay = MinPollingInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveWhere(t => t.IsCompleted);
                if (inFlight.Count > settings.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight).WaitAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }
                QueueMessage[] messages;
                try
                {
                    messages = (await _queue.ReceiveMessagesAsync(settings.BatchSize, ProcessingVisibility, stoppingToken).ConfigureAwait(false)).Value;
                }
                catch (RequestFailedException e)
                {
                    // Storage hiccup: back off like an empty poll, never crash the host.
                    logger.LogWarning("Queue {Queue}: receive failed ({Status}): {Error}", binding.QueueName, e.Status, e.Message);
                    messages = [];
                }
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinPollingInterval;
                foreach (var message in messages) inFlight.Add(ProcessAsync(message, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var receipt = new PopReceipt(message.PopReceipt);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewVisibilityAsync(message.MessageId, receipt, renewal.Token);
        var body = Decode(message.Body, out var decodeError);
        var delivery = new QueueDelivery(binding.QueueName, message.MessageId, body, message.DequeueCount, settings.MaxDequeueCount);
        Exception? failure = null;
        try
        {
            if (decodeError is not null) throw new FormatException(decodeError);
            if (message.DequeueCount > settings.MaxDequeueCount)
                throw new InvalidOperationException($"delivered {message.DequeueCount} times, more than maxDequeueCount {settings.MaxDequeueCount} (a host stopped while processing it)");
            await binding.HandleAsync(delivery, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            failure = e;
        }
        catch (OperationCanceledException)
        {
            // Host stopping: leave the message to reappear after its visibility timeout, as a killed host would.
            await StopRenewalAsync(renewal, renewing).ConfigureAwait(false);
            return;
        }
        await StopRenewalAsync(renewal, renewing).ConfigureAwait(false);

        try
        {
            if (failure is null)
            {
                await _queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None).ConfigureAwait(false);
            }
            else if (delivery.IsLastAttempt || decodeError is not null)
            {
                await poison.SendAsync(delivery, failure, CancellationToken.None).ConfigureAwait(false);
                await _queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None).ConfigureAwait(false);
                logger.LogError("Queue {Queue}: message {MessageId} moved to poison: {Reason}", binding.QueueName, message.MessageId, failure.Message);
            }
            else
            {
                await _queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e)
        {
            // Lost the message's lease (e.g. renewal failed): it reappears and is processed again; the handlers are idempotent.
            logger.LogWarning("Queue {Queue}: could not settle message {MessageId}: {Error}", binding.QueueName, message.MessageId, e.Message);
        }
    }

    private async Task RenewVisibilityAsync(string messageId, PopReceipt receipt, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ProcessingVisibility / 2, ct).ConfigureAwait(false);
                var updated = await _queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: ProcessingVisibility, cancellationToken: ct).ConfigureAwait(false);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning("Queue {Queue}: could not renew message {MessageId}: {Error}", binding.QueueName, messageId, e.Message);
        }
    }

    private static async Task StopRenewalAsync(CancellationTokenSource renewal, Task renewing)
    {
        await renewal.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
    }

    private string Decode(BinaryData body, out string? error)
    {
        error = null;
        var raw = body.ToString();
        if (!settings.MessageEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase)) return raw;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        }
        catch (FormatException)
        {
            error = "the message is not base64, but host.json sets messageEncoding base64";
            return raw;
        }
    }

    /// <summary>The latest pop receipt: each visibility renewal replaces it.</summary>
    private sealed class PopReceipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
