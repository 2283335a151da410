using FleetOps.Workflows.Sweeps;

namespace FleetOps.Workflows;

/// <summary>Every orchestrator and activity by the name the workflows call it: both hosts register exactly these.</summary>
public static class WorkflowCatalog
{
    public static IReadOnlyDictionary<string, Type> Orchestrators { get; } = new Dictionary<string, Type>
    {
        [SweepOrchestrator.Name] = typeof(SweepOrchestrator),
        [SweepChunkOrchestrator.Name] = typeof(SweepChunkOrchestrator),
    };

    public static IReadOnlyDictionary<string, Type> Activities { get; } = new Dictionary<string, Type>
    {
        [ProbeBatchActivity.Name] = typeof(ProbeBatchActivity),
    };
}
