using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FleetOps.Host.Health;

/// <summary>
/// <c>/readyz</c>: whether this host can do its work: storage, engine and watchdog, each with its status. 200 when
/// Healthy or Degraded (a stall being recovered: the API still serves), 503 when Unhealthy. <c>/healthz</c> (alive)
/// stays the plain liveness answer and never touches storage.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadinessPath = "/readyz";
    public const string LivenessPath = "/healthz";

    /// <summary>The host's own probes: served beside the route table, not part of the API both hosts share.</summary>
    public static readonly string[] Paths = [LivenessPath, ReadinessPath];
    public const string ReadyTag = "ready";

    public static IServiceCollection AddFleetOpsReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageReadiness>("storage", tags: [ReadyTag])
            .AddCheck<EngineReadiness>("engine", tags: [ReadyTag])
            .AddCheck<WatchdogReadiness>("watchdog", tags: [ReadyTag]);
        return services;
    }

    public static void MapFleetOpsReadiness(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        });

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = Name(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = Name(e.Value.Status), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
