using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Api.Metrics;

/// <summary>
/// GET /api/metrics on both hosts (the self-host also answers at /metrics): the FleetOps meter in Prometheus' text
/// format, written by the OpenTelemetry exporter's own scrape handler (a one-branch pipeline built once), so the format,
/// its short cache and OpenMetrics negotiation are the exporter's. Each process answers for itself: the Functions app's
/// instances each export theirs (aggregate over instances, as with several self-hosts).
/// </summary>
public sealed class MetricsScrape(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() =>
    {
        var app = new ApplicationBuilder(services);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: _ => true, path: null, configureBranchedPipeline: null, optionsName: null);
        return app.Build();
    });

    public static ApiResponse Response(HttpRequest request)
    {
        var scrape = request.HttpContext.RequestServices.GetRequiredService<MetricsScrape>();
        return ApiResponse.WrittenBy(context => scrape._pipeline.Value(context));
    }
}
