using System.Text;
using FleetOps.Workflows.Queue;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// <c>monitor-requests</c>: a message with a PUT body plus its <c>name</c> creates or replaces that monitor;
/// <c>{"name": "...", "delete": true}</c> deletes it. With the semantics of the other request queues: a failure is
/// thrown back to the host to retry; on the last allowed attempt the message goes to the poison queue with its reason.
/// Applying the same message twice changes nothing the second time.
/// </summary>
public sealed class MonitorQueueHandler(MonitorStarter starter, MonitorRequestParser requests, PoisonQueue poison, ILogger<MonitorQueueHandler> logger)
{
    public const string QueueName = "monitor-requests";

    public Task<QueueOutcome> HandleAsync(QueueDelivery delivery, DurableTaskClient client, CancellationToken ct) =>
        poison.RetryOrPoisonAsync(delivery, async () =>
        {
            var request = await requests.ParseMessageAsync(Encoding.UTF8.GetBytes(delivery.Body), ct).ConfigureAwait(false);
            if (request.Delete)
            {
                var deleted = await starter.DeleteAsync(request.Name, client, ct).ConfigureAwait(false);
                logger.LogInformation("Queue {Queue}: monitor {Monitor} {Outcome}", QueueName, request.Name, deleted is null ? "was already gone" : "deleted");
                return deleted is null ? QueueOutcome.AlreadyStarted : QueueOutcome.Started;
            }
            var applied = await starter.ApplyAsync(request.Definition!, client, ct).ConfigureAwait(false);
            logger.LogInformation("Queue {Queue}: monitor {Monitor} {Outcome} (version {Version})", QueueName, request.Name,
                applied.Created ? "created" : applied.Changed ? "changed" : "unchanged", applied.Record.Version);
            return applied.Changed ? QueueOutcome.Started : QueueOutcome.AlreadyStarted;
        }, logger, ct);
}
