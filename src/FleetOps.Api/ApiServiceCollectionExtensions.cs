using FleetOps.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The workflows plus the HTTP handlers, identical in both hosts.</summary>
    public static IServiceCollection AddFleetOpsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFleetOpsWorkflows(configuration);
        services.AddSingleton<InventoriesApi>();
        services.AddSingleton<RunsApi>();
        services.AddSingleton<ReportsApi>();
        services.AddSingleton<RolloutsApi>();
        services.AddSingleton<RolloutReport>();
        services.AddSingleton<RunListing>();
        services.AddSingleton<PreviousSweep>();
        services.AddSingleton<NotifiersApi>();
        services.AddSingleton<MonitorsApi>();
        services.AddSingleton<MonitorStateApi>();
        services.AddSingleton<HeartbeatsApi>();
        services.AddSingleton<Metrics.MetricsScrape>();
        return services;
    }
}
