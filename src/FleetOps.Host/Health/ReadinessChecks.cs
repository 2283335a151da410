using FleetOps.Host.Engine;
using FleetOps.Host.Watchdog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FleetOps.Host.Health;

/// <summary>Storage: asked live on every readiness call, so readiness is never "ready" while storage does not answer.</summary>
public sealed class StorageReadiness(StorageHealth storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ok = await storage.CheckAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var (_, _, since, error) = storage.Snapshot();
        return ok
            ? HealthCheckResult.Healthy("storage answers")
            : HealthCheckResult.Unhealthy($"storage unreachable since {since:O}: {error}");
    }
}

/// <summary>Engine: ready while its worker runs; a recycle in progress is Degraded, starting or stopping is not ready.</summary>
public sealed class EngineReadiness(EngineRuntime engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.State switch
        {
            EngineState.Running => HealthCheckResult.Healthy($"worker {engine.Generation} running"),
            EngineState.Recycling => HealthCheckResult.Degraded($"recycling the worker since {engine.StateSince:O}"),
            var state => HealthCheckResult.Unhealthy($"{state.ToString().ToLowerInvariant()} since {engine.StateSince:O}"),
        });
}

/// <summary>Watchdog: Degraded while outstanding work is stalled (the API still serves; runs may not advance).</summary>
public sealed class WatchdogReadiness(ProgressWatchdog watchdog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(watchdog.Stall is { } stall ? HealthCheckResult.Degraded("stalled: " + stall) : HealthCheckResult.Healthy("progressing"));
}
