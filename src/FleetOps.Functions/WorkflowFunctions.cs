using FleetOps.Core.Summaries;
using FleetOps.Workflows.Sweeps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FleetOps.Functions;

/// <summary>
/// Orchestrator and activity triggers, named exactly as the workflows call them. Each delegates to the class in
/// FleetOps.Workflows that the self-host registers too.
/// </summary>
public sealed class WorkflowFunctions(ProbeBatchActivity probeBatch, CutBatchesActivity cutBatches, RecordCompletionActivity recordCompletion)
{
    [Function(SweepOrchestrator.Name)]
    public Task<SweepSummary> Sweep([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SweepOrchestrator().RunAsync(context, context.GetInput<SweepInput>()
            ?? throw new InvalidOperationException($"{SweepOrchestrator.Name} started without input"));

    [Function(SweepChunkOrchestrator.Name)]
    public Task<SweepChunkOutcome> SweepChunk([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SweepChunkOrchestrator().RunAsync(context, context.GetInput<SweepChunkInput>()
            ?? throw new InvalidOperationException($"{SweepChunkOrchestrator.Name} started without input"));

    [Function(ProbeBatchActivity.Name)]
    public Task<BatchOutcome> ProbeBatch([ActivityTrigger] ProbeBatchInput input, CancellationToken cancellationToken) =>
        probeBatch.ExecuteAsync(input, cancellationToken);

    [Function(CutBatchesActivity.Name)]
    public Task<int> CutBatches([ActivityTrigger] CutBatchesInput input, CancellationToken cancellationToken) =>
        cutBatches.ExecuteAsync(input, cancellationToken);

    [Function(RecordCompletionActivity.Name)]
    public Task<bool> RecordCompletion([ActivityTrigger] SweepCompletion input, CancellationToken cancellationToken) =>
        recordCompletion.ExecuteAsync(input, cancellationToken);
}
