using FleetOps.Host.Engine;
using FleetOps.Host.Watchdog;
using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Settings;

/// <summary>
/// The self-host's settings, bound and validated at start-up (<c>ValidateOnStart</c>), next to the shared ones
/// (storage, policy, limits) that <c>AddFleetOpsOptions</c> registers for both hosts.
/// </summary>
public static class SelfHostSettings
{
    public static IServiceCollection AddSelfHostSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SelfHostOptions>().Bind(configuration.GetSection(SelfHostOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SelfHostOptions>, SelfHostOptionsValidator>();
        services.AddOptions<BenchmarkOptions>().Bind(configuration.GetSection("FleetOps:Benchmarks"));
        services.AddOptions<WatchdogOptions>().Bind(configuration.GetSection(WatchdogOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WatchdogOptions>, WatchdogOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<SelfHostOptions>>((host, self) => host.ShutdownTimeout = self.Value.ShutdownTimeout);
        // host.json is read once, from the validated path (SelfHostOptionsValidator has already parsed it).
        services.AddSingleton(sp => HostJson.Load(sp.GetRequiredService<IOptions<SelfHostOptions>>().Value.HostJsonPath));
        services.AddFleetOpsEngine(configuration);
        return services;
    }
}
