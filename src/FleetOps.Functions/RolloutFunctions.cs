using Azure.Storage.Queues.Models;
using FleetOps.Api;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Rollouts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FleetOps.Functions;

/// <summary>
/// Rolling operations: the HTTP routes (start, approve, reject, pause, resume, retune), the <c>rollout-requests</c>
/// queue trigger, the orchestrator and its activities. Each is thin: it hands over to the class in FleetOps.Workflows
/// that the self-host uses too.
/// </summary>
public sealed class RolloutFunctions(
    RolloutsApi api,
    RolloutQueueHandler queue,
    HostJson hostJson,
    ActionBatchActivity actionBatch,
    GateActivity gate,
    PreflightActivity preflight,
    ReleaseLockActivity releaseLock,
    RecordTimelineActivity recordTimeline,
    SignalStopActivity signalStop)
{
    [Function("StartRollout")]
    public async Task<IActionResult> StartRollout(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Rollouts)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.StartAsync(request, client, cancellationToken);

    [Function("ApproveRun")]
    public async Task<IActionResult> ApproveRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.RunApprove)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.DecideAsync(id, approve: true, request, client, cancellationToken);

    [Function("RejectRun")]
    public async Task<IActionResult> RejectRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.RunReject)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.DecideAsync(id, approve: false, request, client, cancellationToken);

    [Function("PauseRun")]
    public async Task<IActionResult> PauseRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.RunPause)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.PauseAsync(id, request, client, cancellationToken);

    [Function("ResumeRun")]
    public async Task<IActionResult> ResumeRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.RunResume)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.ResumeAsync(id, request, client, cancellationToken);

    [Function("RetuneRun")]
    public async Task<IActionResult> RetuneRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.RunRetune)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await api.RetuneAsync(id, request, client, cancellationToken);

    [Function("RolloutRequestsQueue")]
    public Task OnRolloutRequest(
        [QueueTrigger(RolloutQueueHandler.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        queue.HandleAsync(
            new QueueDelivery(RolloutQueueHandler.QueueName, message.MessageId, message.Body.ToString(), message.DequeueCount, hostJson.Queues.MaxDequeueCount),
            client,
            cancellationToken);

    [Function(RolloutOrchestrator.Name)]
    public Task<RolloutOutcome> Rollout([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RolloutOrchestrator().RunAsync(context, context.GetInput<RolloutInput>()
            ?? throw new InvalidOperationException($"{RolloutOrchestrator.Name} started without input"));

    [Function(ActionBatchActivity.Name)]
    public Task<ActionBatchOutcome> ActionBatch([ActivityTrigger] ActionBatchInput input, CancellationToken cancellationToken) =>
        actionBatch.ExecuteAsync(input, cancellationToken);

    [Function(GateActivity.Name)]
    public Task<GateRoundOutcome> Gate([ActivityTrigger] GateRoundInput input, CancellationToken cancellationToken) =>
        gate.ExecuteAsync(input, cancellationToken);

    [Function(PreflightActivity.Name)]
    public Task<PreflightOutcome> Preflight([ActivityTrigger] PreflightInput input, CancellationToken cancellationToken) =>
        preflight.ExecuteAsync(input, cancellationToken);

    [Function(ReleaseLockActivity.Name)]
    public Task<bool> ReleaseLock([ActivityTrigger] ReleaseLockInput input, CancellationToken cancellationToken) =>
        releaseLock.ExecuteAsync(input, cancellationToken);

    [Function(RecordTimelineActivity.Name)]
    public Task<bool> RecordTimeline([ActivityTrigger] TimelineInput input, CancellationToken cancellationToken) =>
        recordTimeline.ExecuteAsync(input, cancellationToken);

    [Function(SignalStopActivity.Name)]
    public Task<bool> SignalStop([ActivityTrigger] StopSignalInput input, CancellationToken cancellationToken) =>
        signalStop.ExecuteAsync(input, cancellationToken);
}
