using FleetOps.Workflows;

namespace FleetOps.Host.Engine;

/// <summary>
/// What the engine registers: every workflow in <see cref="WorkflowCatalog"/>, plus any a test adds.
/// Types are resolved from DI each time the engine creates one.
/// </summary>
public sealed class WorkflowRegistry
{
    public Dictionary<string, Type> Orchestrators { get; } = new(WorkflowCatalog.Orchestrators);
    public Dictionary<string, Type> Activities { get; } = new(WorkflowCatalog.Activities);
}
