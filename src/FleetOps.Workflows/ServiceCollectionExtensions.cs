using FleetOps.Core.Policy;
using FleetOps.Probing;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using FleetOps.Workflows.Hosting;

namespace FleetOps.Workflows;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the workflows and queue handlers need, identical in both hosts.</summary>
    public static IServiceCollection AddFleetOpsWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFleetOpsOptions(configuration);
        services.AddSingleton(sp => TargetPolicy.From(sp.GetRequiredService<IOptions<PolicyOptions>>().Value));
        services.AddSingleton(sp => new FleetProber(sp.GetRequiredService<TargetPolicy>()));
        services.AddSingleton(sp => StorageClients.FromOptions(sp.GetRequiredService<IOptions<Hosting.StorageOptions>>().Value));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RunIndex>();
        services.AddMetrics();
        services.AddSingleton<Telemetry.FleetOpsMetrics>();
        services.AddSingleton<Telemetry.LatestProbes>();
        services.AddSingleton<Telemetry.TargetMetrics>();
        services.AddSingleton<Telemetry.QueueDepths>();
        services.AddSingleton<PoisonQueue>();
        services.AddSingleton<Alerts.AlertOutbox>();
        services.AddSingleton<Sweeps.SweepStore>();
        services.AddSingleton<Sweeps.SweepHistory>();
        services.AddSingleton<Sweeps.SweepStarter>();
        services.AddSingleton<Sweeps.SweepRequestParser>();
        services.AddSingleton<Sweeps.SweepQueueHandler>();
        services.AddSingleton<Inventories.ParsedInventoryCache>();
        services.AddSingleton<Inventories.InventoryStore>();
        services.AddSingleton<Inventories.TargetSource>();
        services.AddSingleton(sp => new Probing.Actions.NodeActionClient(sp.GetRequiredService<TargetPolicy>()));
        services.AddSingleton<Rollouts.RolloutStore>();
        services.AddSingleton<Rollouts.RolloutLocks>();
        services.AddSingleton<Rollouts.RolloutRequestParser>();
        services.AddSingleton<Rollouts.RolloutStarter>();
        services.AddSingleton<Rollouts.RolloutQueueHandler>();
        services.AddSingleton(sp => new Rollouts.PrometheusGate(sp.GetRequiredService<IOptions<Hosting.PrometheusOptions>>(), sp.GetRequiredService<TargetPolicy>(), configuration));
        AddNotifiers(services);
        AddMonitors(services);
        foreach (var type in WorkflowCatalog.Orchestrators.Values.Concat(WorkflowCatalog.Activities.Values))
            services.AddTransient(type);
        return services;
    }

    /// <summary>Notifier definitions and alert delivery (alert-deliveries), with the notifiers' own policy.</summary>
    private static void AddNotifiers(IServiceCollection services)
    {
        services.AddSingleton(sp => new Core.Notifiers.NotifierPolicy(sp.GetRequiredService<IOptions<Core.Notifiers.NotifierOptions>>().Value));
        services.AddSingleton(sp => new Probing.Notifiers.NotifierSender(sp.GetRequiredService<IOptions<Core.Notifiers.NotifierOptions>>().Value));
        services.AddSingleton<Core.Notifiers.ISecretSource>(sp => new Notifiers.ConfigurationSecretSource(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<Notifiers.NotifierStore>();
        services.AddSingleton<Notifiers.NotifierRequestParser>();
        services.AddSingleton<Alerts.DeliveryRecords>();
        services.AddSingleton<Alerts.AlertSender>();
        services.AddSingleton<Alerts.AlertQueueHandler>();
    }

    /// <summary>Monitors: definitions, per-batch state, history, events, the reconciler and the queries behind the API.</summary>
    private static void AddMonitors(IServiceCollection services)
    {
        services.AddSingleton<Monitors.MonitorStore>();
        services.AddSingleton<Monitors.MonitorStateStore>();
        services.AddSingleton<Monitors.MonitorHistory>();
        services.AddSingleton<Monitors.MonitorEvents>();
        services.AddSingleton<Monitors.MonitorTargets>();
        services.AddSingleton<Monitors.MonitorLayouts>();
        services.AddSingleton<Monitors.MonitorRequestParser>();
        services.AddSingleton<Monitors.MonitorStarter>();
        services.AddSingleton<Monitors.MonitorQueueHandler>();
        services.AddSingleton<Monitors.MonitorReconciler>();
        services.AddSingleton<Monitors.MonitorTargetsQuery>();
        services.AddSingleton<Monitors.UptimeQuery>();
        services.AddSingleton<Monitors.UptimeDaysQuery>();
    }
}
