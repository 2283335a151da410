using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FleetOps.Host.Health;
using FleetOps.Workflows.Hosting;
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
/// It never throws: while storage is away it backs off (the outage is logged once, by <see cref="StorageHealth"/>),
/// and on shutdown it stops polling and leaves unfinished messages to reappear, as a killed host would.
/// </summary>
public sealed class QueueListener : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxOutageBackoff = TimeSpan.FromSeconds(15);

    /// <summary>How long a received message stays invisible while processed; renewed at half-time while work goes on.</summary>
    internal static readonly TimeSpan ProcessingVisibility = TimeSpan.FromSeconds(30);

    private readonly QueueBinding _binding;
    private readonly StorageClients _storage;
    private readonly QueueTriggerSettings _settings;
    private readonly StorageHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueListener> _logger;
    private readonly MessageSettler _settler;

    // Bodies are decoded here, not by the SDK, so one message that is not base64 goes to poison instead of failing the batch.
    private readonly QueueClient _queue;

    public QueueListener(QueueBinding binding, StorageClients storage, QueueTriggerSettings settings, PoisonQueue poison, StorageHealth health,
        TimeProvider time, ILogger<QueueListener> logger)
    {
        (_binding, _storage, _settings, _health, _time, _logger) = (binding, storage, settings, health, time, logger);
        _queue = storage.RawQueues.GetQueueClient(binding.QueueName);
        _settler = new MessageSettler(_queue, storage.RawQueues.GetQueueClient(binding.QueueName + "-poison"), poison, settings, health, logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inFlight = new HashSet<Task>();
        var delay = MinPollingInterval;
        var ready = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveWhere(t => t.IsCompleted);
                if (inFlight.Count > _settings.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight).WaitAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }
                QueueMessage[] messages;
                try
                {
                    if (!ready) ready = await EnsureQueuesAsync(stoppingToken).ConfigureAwait(false);
                    messages = (await _queue.ReceiveMessagesAsync(_settings.BatchSize, ProcessingVisibility, stoppingToken).ConfigureAwait(false)).Value;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Storage away: back off like an empty poll (longer), never crash the host. StorageHealth logs the outage.
                    if (StorageFailures.IsUnavailable(e)) _health.ReportFailure();
                    else _logger.LogWarning("Queue {Queue}: receive failed: {Error}", _binding.QueueName, StorageFailures.Summary(e));
                    await Task.Delay(delay = Longer(delay, MaxOutageBackoff), _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                    delay = Longer(delay, _settings.MaxPollingInterval);
                    continue;
                }
                delay = MinPollingInterval;
                foreach (var message in messages) inFlight.Add(ProcessAsync(message, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // ProcessAsync never throws; on shutdown the handlers see the cancelled token and return promptly.
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private static TimeSpan Longer(TimeSpan delay, TimeSpan max) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));

    private async Task<bool> EnsureQueuesAsync(CancellationToken ct)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await _storage.Queues.GetQueueClient(_binding.QueueName + "-poison").CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        _logger.LogInformation("Listening on queue {Queue} (batch {Batch}, max dequeue {Max})", _binding.QueueName, _settings.BatchSize, _settings.MaxDequeueCount);
        return true;
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessCoreAsync(message, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Last line of defence: one message must never take the listener (and with it the host) down.
            _logger.LogError("Queue {Queue}: message {MessageId} processing failed unexpectedly: {Error}", _binding.QueueName, message.MessageId, e.Message);
        }
    }

    private async Task ProcessCoreAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var receipt = new PopReceipt(message.PopReceipt);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewVisibilityAsync(message.MessageId, receipt, renewal.Token);
        var body = Decode(message.Body, out var decodeError);
        var delivery = new QueueDelivery(_binding.QueueName, message.MessageId, body, message.DequeueCount, _settings.MaxDequeueCount);
        Exception? failure = null;
        try
        {
            if (decodeError is not null) throw new FormatException(decodeError);
            if (message.DequeueCount > _settings.MaxDequeueCount)
                throw new InvalidOperationException($"delivered {message.DequeueCount} times, more than maxDequeueCount {_settings.MaxDequeueCount} (a host stopped while processing it)");
            await _binding.HandleAsync(delivery, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            failure = e;
        }
        catch (Exception)
        {
            // Host stopping: leave the message to reappear after its visibility timeout, as a killed host would.
            await StopRenewalAsync(renewal, renewing).ConfigureAwait(false);
            return;
        }
        await StopRenewalAsync(renewal, renewing).ConfigureAwait(false);
        await _settler.SettleAsync(message, receipt.Value, delivery, failure, mustLeave: failure is not null && (delivery.IsLastAttempt || decodeError is not null)).ConfigureAwait(false);
    }

    private async Task RenewVisibilityAsync(string messageId, PopReceipt receipt, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ProcessingVisibility / 2, _time, ct).ConfigureAwait(false);
                var updated = await _queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: ProcessingVisibility, cancellationToken: ct).ConfigureAwait(false);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogWarning("Queue {Queue}: could not renew message {MessageId}: {Error}", _binding.QueueName, messageId, StorageFailures.Summary(e));
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
        if (_settings.MessageEncoding != "base64") return raw;
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
