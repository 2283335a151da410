using FleetOps.Api.Metrics;
using FleetOps.Probing.Telemetry;
using FleetOps.Workflows.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FleetOps.Host.Http;

/// <summary>
/// <c>/metrics</c>: the <c>FleetOps</c> meter (runs, batches, targets by result, probe durations, watchdog stalls) in
/// Prometheus' text format, for a Prometheus scrape. Behind the API key like /api when one is configured.
/// With an OTLP endpoint configured (the standard <c>OTEL_EXPORTER_OTLP_*</c> settings), the same metrics and the
/// traces (request → orchestration → activity → batch → probe) also go out over OTLP.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>ASP.NET Core's own source: the request span that starts a trace.</summary>
    private const string RequestSourceName = "Microsoft.AspNetCore";

    public static IServiceCollection AddFleetOpsMetricsExport(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = OtlpConfigured(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "fleetops"))
            .WithMetrics(m =>
            {
                m.AddMeter(FleetOpsMetrics.MeterName).AddPrometheusExporter().ConfigureTargetMetrics();
                if (otlp) m.AddOtlpExporter();
            });
        if (otlp)
            telemetry.WithTracing(t => t.AddSource(RequestSourceName, FleetOpsTracing.EngineSourceName, FleetOpsTracing.SourceName).AddOtlpExporter());
        return services;
    }

    /// <summary>Traces are exported only where someone receives them: an OTLP endpoint set for all signals or for traces.</summary>
    internal static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ||
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);

    public static void MapFleetOpsMetrics(this IEndpointRouteBuilder app) => app.MapPrometheusScrapingEndpoint(Path);
}
