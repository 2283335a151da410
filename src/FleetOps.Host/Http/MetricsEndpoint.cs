using FleetOps.Workflows.Telemetry;
using OpenTelemetry.Metrics;

namespace FleetOps.Host.Http;

/// <summary>
/// <c>/metrics</c>: the <c>FleetOps</c> meter (runs, batches, targets by result, probe durations, watchdog stalls) in
/// Prometheus' text format, for a Prometheus scrape. Behind the API key like /api when one is configured.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddFleetOpsMetricsExport(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(FleetOpsMetrics.MeterName).AddPrometheusExporter()
            .ConfigureTargetMetrics());
        return services;
    }

    public static void MapFleetOpsMetrics(this IEndpointRouteBuilder app) => app.MapPrometheusScrapingEndpoint(Path);
}
