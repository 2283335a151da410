using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Workflows.Queue;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// <c>sweep-requests</c>: a message with the same JSON as POST /api/sweeps starts a sweep. The request's
/// <c>requestId</c>, or else the message id, is the run id, so a redelivered message never starts a second run.
/// A failure is thrown back to the host to retry (Functions semantics); on the last allowed attempt the message
/// goes to the poison queue with its reason instead.
/// </summary>
public sealed class SweepQueueHandler(SweepStarter starter, SweepRequestParser requests, PoisonQueue poison, ILogger<SweepQueueHandler> logger)
{
    public const string QueueName = "sweep-requests";

    public Task<QueueOutcome> HandleAsync(QueueDelivery delivery, DurableTaskClient client, CancellationToken ct) =>
        poison.RetryOrPoisonAsync(delivery, async () =>
        {
            var request = await requests.ParseAsync(Encoding.UTF8.GetBytes(delivery.Body), ct).ConfigureAwait(false);
            var runId = request.RequestId ?? delivery.MessageId;
            var started = await starter.StartAsync(request, runId, client, ct).ConfigureAwait(false);
            return started.Created ? QueueOutcome.Started : QueueOutcome.AlreadyStarted;
        }, logger, ct);
}
