using FleetOps.Core.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// The settings both hosts share, bound to options and validated at start-up (<c>ValidateOnStart</c>): the one place
/// that reads them from configuration. Code takes <c>IOptions&lt;T&gt;</c>; nothing else reads <c>configuration["..."]</c>.
/// </summary>
public static class OptionsRegistration
{
    public static IServiceCollection AddFleetOpsOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<TimeProvider>(TimeProvider.System);
        services.AddOptions<StorageOptions>().Configure(o => StorageOptions.Bind(configuration, o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<PolicyOptions>().Bind(configuration.GetSection(PolicyOptionsValidator.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LimitsOptions>>().Value.ToSweepLimits());
        services.AddOptions<Core.Notifiers.NotifierOptions>().Bind(configuration.GetSection(NotifierOptionsValidator.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Core.Notifiers.NotifierOptions>, NotifierOptionsValidator>();
        services.AddOptions<MonitorOptions>().Bind(configuration.GetSection(MonitorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitorOptions>, MonitorOptionsValidator>();
        services.AddOptions<PrometheusOptions>().Bind(configuration.GetSection(PrometheusOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrometheusOptions>, PrometheusOptionsValidator>();
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        return services;
    }
}
