using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// Removes an incarnation's data (layouts, state, ledger, history) once its monitor was deleted or replaced; when the
/// monitor is gone for good, its event log too. Idempotent: it only deletes what is still there.
/// </summary>
public sealed class RetireMonitorActivity(MonitorStore monitors, MonitorStateStore state, MonitorEvents events, ILogger<RetireMonitorActivity> logger)
    : TaskActivity<RetireInput, int>
{
    public const string Name = nameof(RetireMonitorActivity);

    public override Task<int> RunAsync(TaskActivityContext context, RetireInput input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<int> ExecuteAsync(RetireInput input, CancellationToken ct)
    {
        var blobs = await state.DeleteIncarnationAsync(input.Monitor, input.Incarnation, ct).ConfigureAwait(false);
        var rows = 0;
        if (await monitors.GetAsync(input.Monitor, ct).ConfigureAwait(false) is null)
            rows = await events.DeleteAllAsync(input.Monitor, ct).ConfigureAwait(false);
        logger.LogInformation("Monitor {Monitor}: incarnation {Incarnation} retired ({Blobs} blobs, {Rows} events)", input.Monitor, input.Incarnation, blobs, rows);
        return blobs;
    }
}
