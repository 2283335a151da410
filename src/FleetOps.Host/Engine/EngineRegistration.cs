using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Engine;

public static class EngineRegistration
{
    /// <summary>The engine and its validated settings (<c>FleetOps:Engine</c>); host.json comes from the caller.</summary>
    public static IServiceCollection AddFleetOpsEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<TimeProvider>(TimeProvider.System);
        services.AddOptions<EngineOverrides>().Bind(configuration.GetSection(EngineOverrides.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOverrides>, EngineOverridesValidator>();
        services.AddOptions<StorageOptions>().Validate(
            o => o.BlobServiceUri is null || o.UsesConnectionString || o.TableServiceUri is not null,
            "AzureWebJobsStorage:tableServiceUri: the self-host's engine needs it with blob and queue service URIs (or use accountName)");
        services.TryAddSingleton<WorkflowRegistry>();
        services.AddSingleton<EngineFactory>();
        services.AddSingleton<EngineRuntime>();
        return services;
    }
}
