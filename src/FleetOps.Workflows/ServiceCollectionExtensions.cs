using FleetOps.Core.Policy;
using FleetOps.Core.Probing;
using FleetOps.Workflows.Api;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Workflows;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the workflows and handlers need, identical in both hosts.</summary>
    public static IServiceCollection AddFleetOpsWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        var policy = new PolicyOptions();
        configuration.GetSection("FleetOps:Policy").Bind(policy);
        services.AddSingleton(TargetPolicy.From(policy));
        services.AddSingleton(sp => new FleetProber(sp.GetRequiredService<TargetPolicy>()));
        services.AddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.AddSingleton<RunStore>();
        services.AddSingleton<PoisonQueue>();
        services.AddSingleton<Sweeps.SweepStarter>();
        services.AddSingleton<Sweeps.SweepRequests>();
        services.AddSingleton<Inventories.InventoryStore>();
        services.AddSingleton<Inventories.TargetSource>();
        services.AddSingleton<InventoriesApi>();
        services.AddSingleton<RunsApi>();
        services.AddSingleton<ReportsApi>();
        services.AddSingleton<SweepQueueHandler>();
        services.AddSingleton(sp => new Core.Rollouts.NodeActionClient(sp.GetRequiredService<TargetPolicy>()));
        services.AddSingleton<Rollouts.RolloutStore>();
        services.AddSingleton<Rollouts.RolloutLocks>();
        services.AddSingleton<Rollouts.RolloutRequests>();
        services.AddSingleton<Rollouts.RolloutStarter>();
        services.AddSingleton<Rollouts.RolloutReport>();
        services.AddSingleton<Rollouts.RolloutQueueHandler>();
        services.AddSingleton<RolloutsApi>();
        foreach (var type in WorkflowCatalog.Orchestrators.Values.Concat(WorkflowCatalog.Activities.Values))
            services.AddTransient(type);
        return services;
    }
}
