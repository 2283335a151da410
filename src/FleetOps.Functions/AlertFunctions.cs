using Azure.Storage.Queues.Models;
using FleetOps.Workflows.Alerts;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Rollouts;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>
/// Alert delivery: the queue trigger on <c>alert-deliveries</c> (the shared <see cref="AlertQueueHandler"/>) and the
/// activity that hands a rollout's events to it.
/// </summary>
public sealed class AlertFunctions(AlertQueueHandler handler, NotifyRolloutActivity notifyRollout, HostJson hostJson)
{
    [Function("AlertDeliveriesQueue")]
    public Task OnAlertDelivery(
        [QueueTrigger(AlertQueueHandler.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(
            new QueueDelivery(AlertQueueHandler.QueueName, message.MessageId, message.Body.ToString(), message.DequeueCount, hostJson.Queues.MaxDequeueCount),
            cancellationToken);

    [Function(NotifyRolloutActivity.Name)]
    public Task<int> NotifyRollout([ActivityTrigger] RolloutNoticeInput input, CancellationToken cancellationToken) =>
        notifyRollout.ExecuteAsync(input, cancellationToken);
}
