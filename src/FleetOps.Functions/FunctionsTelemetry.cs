using FleetOps.Api.Metrics;
using FleetOps.Probing.Telemetry;
using FleetOps.Workflows.Telemetry;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FleetOps.Functions;

/// <summary>
/// The Functions app's traces and metrics: FleetOps' spans (batch, probe) and the Durable Task SDK's (orchestration,
/// activity) under the invocation's span, and the FleetOps meter. They go to Application Insights when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set (as Azure sets it) and over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is;
/// the meter is also scraped at /api/metrics (each instance its own).
/// </summary>
internal static class FunctionsTelemetry
{
    /// <summary>The Durable Task SDK's source in the isolated worker.</summary>
    private const string SdkSourceName = "Microsoft.DurableTask";

    public static IServiceCollection AddFleetOpsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "fleetops"))
            .WithTracing(t => t.AddSource(FleetOpsTracing.SourceName, SdkSourceName))
            .WithMetrics(m => m.AddMeter(FleetOpsMetrics.MeterName).AddPrometheusExporter().ConfigureTargetMetrics());
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
            telemetry.UseAzureMonitorExporter();
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return services;
    }
}
