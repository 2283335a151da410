using Azure.Storage.Queues.Models;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Queue;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Functions;

/// <summary>
/// Monitors: the orchestrator and its activities, the <c>monitor-requests</c> queue trigger and the reconciler's
/// timer (every minute, the schedule the self-host's reconciler keeps too). Each hands over to the class in
/// FleetOps.Workflows that the self-host uses.
/// </summary>
public sealed class MonitorWorkflowFunctions(
    MonitorQueueHandler queue,
    MonitorReconciler reconciler,
    HostJson hostJson,
    PrepareCycleActivity prepare,
    MonitorBatchActivity batch,
    PlanAlertsActivity planAlerts,
    RollupHistoryActivity rollup,
    RetireMonitorActivity retire,
    ILogger<MonitorWorkflowFunctions> logger)
{
    [Function(MonitorOrchestrator.Name)]
    public Task<MonitorStatus> Monitor([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MonitorOrchestrator().RunAsync(context, context.GetInput<MonitorCarry>()
            ?? throw new InvalidOperationException($"{MonitorOrchestrator.Name} started without input"));

    [Function(PrepareCycleActivity.Name)]
    public Task<CyclePlan> PrepareCycle([ActivityTrigger] PrepareCycleInput input, CancellationToken cancellationToken) =>
        prepare.ExecuteAsync(input, cancellationToken);

    [Function(MonitorBatchActivity.Name)]
    public Task<BatchCycleOutcome> MonitorBatch([ActivityTrigger] MonitorBatchInput input, CancellationToken cancellationToken) =>
        batch.ExecuteAsync(input, cancellationToken);

    [Function(PlanAlertsActivity.Name)]
    public Task<PlanAlertsOutcome> PlanAlerts([ActivityTrigger] PlanAlertsInput input, CancellationToken cancellationToken) =>
        planAlerts.ExecuteAsync(input, cancellationToken);

    [Function(RollupHistoryActivity.Name)]
    public Task<bool> RollupHistory([ActivityTrigger] RollupInput input, CancellationToken cancellationToken) =>
        rollup.ExecuteAsync(input, cancellationToken);

    [Function(RetireMonitorActivity.Name)]
    public Task<int> RetireMonitor([ActivityTrigger] RetireInput input, CancellationToken cancellationToken) =>
        retire.ExecuteAsync(input, cancellationToken);

    [Function("MonitorRequestsQueue")]
    public Task OnMonitorRequest(
        [QueueTrigger(MonitorQueueHandler.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        queue.HandleAsync(
            new QueueDelivery(MonitorQueueHandler.QueueName, message.MessageId, message.Body.ToString(), message.DequeueCount, hostJson.Queues.MaxDequeueCount),
            client,
            cancellationToken);

    /// <summary>Keeps every monitor's orchestration alive (a lease makes one instance act when the app scales out).</summary>
    [Function("MonitorReconciler")]
    public async Task Reconcile([TimerTrigger(MonitorReconciler.Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var outcome = await reconciler.ReconcileAsync(client, cancellationToken);
        if (!outcome.Ran) logger.LogInformation("Monitor reconciler: another instance holds this round's lease");
    }
}
