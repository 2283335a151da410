using FleetOps.Workflows.Rollouts;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>The rollout gate's Prometheus analysis round (<see cref="AnalysisActivity"/>), as an activity trigger.</summary>
public sealed class AnalysisFunctions(AnalysisActivity analysis)
{
    [Function(AnalysisActivity.Name)]
    public Task<AnalysisOutcome> Analysis([ActivityTrigger] AnalysisInput input, CancellationToken cancellationToken) =>
        analysis.ExecuteAsync(input, cancellationToken);
}
