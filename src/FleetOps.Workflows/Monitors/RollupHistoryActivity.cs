using System.Globalization;
using FleetOps.Workflows.Hosting;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// Once a day (the first cycle of a UTC day whose batches all ran): rolls every finished day still in hour blobs up
/// into day roll-ups, and applies retention to history and events. Idempotent: a rolled-up day is recognised and only
/// its leftovers are removed.
/// </summary>
public sealed class RollupHistoryActivity(MonitorHistory history, MonitorEvents events, IOptions<MonitorOptions> options, ILogger<RollupHistoryActivity> logger)
    : TaskActivity<RollupInput, bool>
{
    public const string Name = nameof(RollupHistoryActivity);

    /// <summary>Events removed by retention per day and monitor at most (a backlog goes over the next days).</summary>
    private const int MaxExpiredEvents = 10_000;

    public override Task<bool> RunAsync(TaskActivityContext context, RollupInput input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<bool> ExecuteAsync(RollupInput input, CancellationToken ct)
    {
        var (monitor, inc) = (input.Monitor, input.Incarnation);
        foreach (var day in await history.DaysWithHoursAsync(monitor, inc, ct).ConfigureAwait(false))
        {
            if (string.CompareOrdinal(day, input.Today) >= 0) continue;
            await history.RollUpDayAsync(monitor, inc, day, ct).ConfigureAwait(false);
            logger.LogInformation("Monitor {Monitor}: history of {Day} rolled up", monitor, day);
        }
        var today = DateTimeOffset.ParseExact(input.Today, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var o = options.Value;
        await history.DeleteDaysBeforeAsync(monitor, inc, today.AddDays(-o.HistoryRetentionDays).ToString("yyyyMMdd", CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        await events.DeleteBeforeAsync(monitor, today.AddDays(-o.EventRetentionDays), MaxExpiredEvents, ct).ConfigureAwait(false);
        return true;
    }
}
