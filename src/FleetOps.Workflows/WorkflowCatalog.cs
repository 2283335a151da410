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
        [Monitors.MonitorOrchestrator.Name] = typeof(Monitors.MonitorOrchestrator),
    };

    public static IReadOnlyDictionary<string, Type> Activities { get; } = new Dictionary<string, Type>
    {
        [CutBatchesActivity.Name] = typeof(CutBatchesActivity),
        [ProbeBatchActivity.Name] = typeof(ProbeBatchActivity),
        [RecordCompletionActivity.Name] = typeof(RecordCompletionActivity),
        [Rollouts.ActionBatchActivity.Name] = typeof(Rollouts.ActionBatchActivity),
        [Rollouts.GateActivity.Name] = typeof(Rollouts.GateActivity),
        [Rollouts.PreflightActivity.Name] = typeof(Rollouts.PreflightActivity),
        [Rollouts.ReleaseLockActivity.Name] = typeof(Rollouts.ReleaseLockActivity),
        [Rollouts.RecordTimelineActivity.Name] = typeof(Rollouts.RecordTimelineActivity),
        [Rollouts.SignalStopActivity.Name] = typeof(Rollouts.SignalStopActivity),
        [Rollouts.NotifyRolloutActivity.Name] = typeof(Rollouts.NotifyRolloutActivity),
        [Rollouts.AnalysisActivity.Name] = typeof(Rollouts.AnalysisActivity),
        [Monitors.PrepareCycleActivity.Name] = typeof(Monitors.PrepareCycleActivity),
        [Monitors.MonitorBatchActivity.Name] = typeof(Monitors.MonitorBatchActivity),
        [Monitors.PlanAlertsActivity.Name] = typeof(Monitors.PlanAlertsActivity),
        [Monitors.RollupHistoryActivity.Name] = typeof(Monitors.RollupHistoryActivity),
        [Monitors.RetireMonitorActivity.Name] = typeof(Monitors.RetireMonitorActivity),
    };

    /// <summary>
    /// The orchestrations that are runs, by the kind the API shows: only these are listed and addressable by id.
    /// Anything else (a sweep's chunks, a benchmark's) is internal and answers 404 as a run.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RunKinds { get; } = new Dictionary<string, string>
    {
        [SweepOrchestrator.Name] = "sweep",
        [Rollouts.RolloutOrchestrator.Name] = "rollout",
    };
}
