using FleetOps.Core.Monitors;
using FleetOps.Host.Engine;
using FleetOps.Host.Health;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Monitors;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Monitors;

/// <summary>
/// The self-host's timer for <see cref="MonitorReconciler"/>, with the Functions timer trigger's semantics: it fires at
/// each occurrence of the schedule (<c>FleetOps:Monitors:ReconcileSchedule</c>, every minute by default, the Functions
/// app's fixed schedule), never runs twice at once (an occurrence missed while a round runs is skipped, not queued),
/// and a failed round is logged and left to the next. It waits for the engine to run.
/// </summary>
public sealed class ReconcilerService(MonitorReconciler reconciler, EngineRuntime engine, StorageHealth storage, IOptions<MonitorOptions> options,
    TimeProvider time, ILogger<ReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronText.Parse(options.Value.ReconcileSchedule);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var next = schedule.GetNextOccurrence(now.UtcDateTime, inclusive: false) ?? now.UtcDateTime.AddMinutes(1);
                await Task.Delay(new DateTimeOffset(next, TimeSpan.Zero) - now, time, stoppingToken).ConfigureAwait(false);
                if (engine.State != EngineState.Running || !storage.IsReachable) continue;
                try
                {
                    await reconciler.ReconcileAsync(engine.Client, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    if (StorageFailures.IsUnavailable(e)) storage.ReportFailure();
                    else logger.LogWarning("Monitor reconciler: the round failed ({Error}); the next one tries again", StorageFailures.Summary(e));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
