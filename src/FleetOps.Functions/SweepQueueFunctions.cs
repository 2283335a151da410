using Azure.Storage.Queues.Models;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Sweeps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FleetOps.Functions;

/// <summary>Queue trigger on <c>sweep-requests</c>: hands each delivery to the shared <see cref="SweepQueueHandler"/>.</summary>
public sealed class SweepQueueFunctions(SweepQueueHandler handler, HostJson hostJson)
{
    [Function("SweepRequestsQueue")]
    public Task OnSweepRequest(
        [QueueTrigger(SweepQueueHandler.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(
            new QueueDelivery(SweepQueueHandler.QueueName, message.MessageId, message.Body.ToString(), message.DequeueCount, hostJson.Queues.MaxDequeueCount),
            client,
            cancellationToken);
}
