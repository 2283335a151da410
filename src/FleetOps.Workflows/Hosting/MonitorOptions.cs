using FleetOps.Core.Monitors;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>Section <c>FleetOps:Monitors</c>: how long monitor history is kept, and the operator's floor under timing.</summary>
public sealed class MonitorOptions
{
    public const string Section = "FleetOps:Monitors";

    /// <summary>The reconciler's schedule: every minute, on the minute (Functions' timer trigger says the same).</summary>
    public const string DefaultReconcileSchedule = "0 * * * * *";

    /// <summary>Days of hourly uptime roll-ups kept per monitor.</summary>
    public int HistoryRetentionDays { get; set; } = 400;

    /// <summary>Days of events (state changes, alerts) kept per monitor.</summary>
    public int EventRetentionDays { get; set; } = 400;

    /// <summary>The shortest interval (and cron gap) a definition may ask for. Lower it only for labs and tests.</summary>
    public TimeSpan MinInterval { get; set; } = MonitorLimits.MinInterval;

    /// <summary>The shortest heartbeat period a definition may ask for. Lower it only for labs and tests.</summary>
    public TimeSpan MinHeartbeatPeriod { get; set; } = MonitorLimits.MinHeartbeatPeriod;

    /// <summary>Probe batches of one monitor in flight at once.</summary>
    public int MaxParallelBatches { get; set; } = 16;

    /// <summary>The self-host's reconciler schedule (cron with seconds). The Functions app's timer trigger is fixed at the default.</summary>
    public string ReconcileSchedule { get; set; } = DefaultReconcileSchedule;

    public MonitorRules Rules => new(MinInterval, MinHeartbeatPeriod);
}

public sealed class MonitorOptionsValidator : IValidateOptions<MonitorOptions>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var errors = new SettingErrors();
        const string s = MonitorOptions.Section;
        errors.Range($"{s}:HistoryRetentionDays", options.HistoryRetentionDays, 1, 3650);
        errors.Range($"{s}:EventRetentionDays", options.EventRetentionDays, 1, 3650);
        errors.Range($"{s}:MaxParallelBatches", options.MaxParallelBatches, 1, 256);
        if (options.MinInterval < OneSecond || options.MinInterval > MonitorLimits.MinInterval)
            errors.Add($"{s}:MinInterval", $"must be between 00:00:01 and {MonitorLimits.MinInterval} (got {options.MinInterval})");
        if (options.MinHeartbeatPeriod < OneSecond || options.MinHeartbeatPeriod > MonitorLimits.MinHeartbeatPeriod)
            errors.Add($"{s}:MinHeartbeatPeriod", $"must be between 00:00:01 and {MonitorLimits.MinHeartbeatPeriod} (got {options.MinHeartbeatPeriod})");
        if (CronText.TryParse(options.ReconcileSchedule, out var problem) is null)
            errors.Add($"{s}:ReconcileSchedule", problem!);
        return errors.Result;
    }
}
