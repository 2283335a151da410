using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace FleetOps.Api.Metrics;

/// <summary>
/// The per-target gauges and the queue depth gauge on /metrics: their instruments are created with the meter provider,
/// and the exporter's per-instrument series limit (2,000 by default) is raised to FleetOps:Metrics:MaxTargetSeries.
/// Both hosts' meter providers take it.
/// </summary>
public static class TargetMetricsExport
{
    public static MeterProviderBuilder ConfigureTargetMetrics(this MeterProviderBuilder metrics)
    {
        if (metrics is not IDeferredMeterProviderBuilder deferred) return metrics;
        deferred.Configure((services, builder) =>
        {
            _ = services.GetRequiredService<TargetMetrics>();
            _ = services.GetRequiredService<QueueDepths>();
            var limit = services.GetRequiredService<IOptions<MetricsOptions>>().Value.MaxTargetSeries + 1;
            builder.AddView(instrument => instrument.Meter.Name == FleetOpsMetrics.MeterName && TargetMetrics.Instruments.Contains(instrument.Name)
                ? new MetricStreamConfiguration { CardinalityLimit = limit }
                : null);
        });
        return metrics;
    }
}
