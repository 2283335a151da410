using System.Text;
using FleetOps.Workflows.Queue;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// <c>rollout-requests</c>: a message with the same JSON as POST /api/rollouts starts a rollout, with the semantics
/// of <see cref="SweepQueueHandler"/>: the <c>requestId</c>, or else the message id, is the run id; a failure is
/// thrown back to the host to retry; on the last allowed attempt the message goes to the poison queue with its
/// reason. A rollout whose inventory is locked by another running rollout is a failure too (as is a lock that kept
/// changing hands): it is retried, and poisoned if the other still runs by then.
/// </summary>
public sealed class RolloutQueueHandler(RolloutStarter starter, RolloutRequestParser requests, PoisonQueue poison, ILogger<RolloutQueueHandler> logger)
{
    public const string QueueName = "rollout-requests";

    public Task<QueueOutcome> HandleAsync(QueueDelivery delivery, DurableTaskClient client, CancellationToken ct) =>
        poison.RetryOrPoisonAsync(delivery, async () =>
        {
            var rollout = await requests.ParseAsync(Encoding.UTF8.GetBytes(delivery.Body), ct).ConfigureAwait(false);
            var runId = rollout.Request.RequestId ?? delivery.MessageId;
            var started = await starter.StartAsync(rollout, runId, client, ct).ConfigureAwait(false);
            if (started.HeldBy is { } holder)
                throw new RolloutConflictException(holder, rollout.LockKey);
            if (started.Contended)
                throw new InvalidOperationException($"the lock {RolloutLocks.ContainerName}/{rollout.LockKey} kept changing hands; the message is retried");
            return started.Created ? QueueOutcome.Started : QueueOutcome.AlreadyStarted;
        }, logger, ct);
}

/// <summary>Another rollout holds the lock of these nodes.</summary>
public sealed class RolloutConflictException(string holder, string lockKey)
    : Exception($"rollout '{holder}' is running on these nodes ({lockKey}); one rollout at a time per inventory")
{
    public string Holder { get; } = holder;
}
