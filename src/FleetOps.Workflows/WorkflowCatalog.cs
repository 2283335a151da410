using FleetOps.Workflows.Sweeps;

namespace FleetOps.Workflows;

/// <summary>Every orchestrator and activity by the name the workflows call it: both hosts register exactly these.</summary>
public static class WorkflowCatalog
{
    public static IReadOnlyDictionary<string, Type> Orchestrators { get; } = new Dictionary<string, Type>
    {
        [SweepOrchestrator.Name] = typeof(SweepOrchestrator),
        [SweepChunkOrchestrator.Name] = typeof(SweepChunkOrchestrator),
        [Rollouts.RolloutOrchestrator.Name] = typeof(Rollouts.RolloutOrchestrator),
    };

    public static IReadOnlyDictionary<string, Type> Activities { get; } = new Dictionary<string, Type>
    {
        [ProbeBatchActivity.Name] = typeof(ProbeBatchActivity),
        [Rollouts.ActionBatchActivity.Name] = typeof(Rollouts.ActionBatchActivity),
        [Rollouts.GateActivity.Name] = typeof(Rollouts.GateActivity),
        [Rollouts.PreflightActivity.Name] = typeof(Rollouts.PreflightActivity),
        [Rollouts.ReleaseLockActivity.Name] = typeof(Rollouts.ReleaseLockActivity),
        [Rollouts.RecordTimelineActivity.Name] = typeof(Rollouts.RecordTimelineActivity),
        [Rollouts.SignalStopActivity.Name] = typeof(Rollouts.SignalStopActivity),
    };
}
