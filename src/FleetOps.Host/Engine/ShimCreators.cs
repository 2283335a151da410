using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace FleetOps.Host.Engine;

/// <summary>Lets DurableTask.Core create an SDK-style orchestrator (resolved from DI) through the SDK's shim.</summary>
internal sealed class OrchestratorCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Type _type;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public OrchestratorCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        (_type, _services, _shims) = (type, services, shims);
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(new TaskName(Name), (ITaskOrchestrator)_services.GetRequiredService(_type), parent: null);
}

/// <summary>Lets DurableTask.Core create an SDK-style activity (resolved from DI) through the SDK's shim.</summary>
internal sealed class ActivityCreator : ObjectCreator<CoreTaskActivity>
{
    private readonly Type _type;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public ActivityCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        (_type, _services, _shims) = (type, services, shims);
    }

    public override CoreTaskActivity Create() =>
        _shims.CreateActivity(new TaskName(Name), (ITaskActivity)_services.GetRequiredService(_type));
}
