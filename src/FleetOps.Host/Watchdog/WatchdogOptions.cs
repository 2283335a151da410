using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Watchdog;

/// <summary>Section <c>FleetOps:Watchdog</c>: when outstanding work that has not moved counts as stalled.</summary>
public sealed class WatchdogOptions
{
    public const string Section = "FleetOps:Watchdog";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Outstanding work that has not moved for this long is a stall. Keep it above the longest quiet time by design
    /// (the slowest batch or action chunk, a gate's interval).
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often the watchdog samples progress.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Recycle the engine's worker on a stall (else only report it).</summary>
    public bool Recover { get; set; } = true;

    /// <summary>A monitor whose cycle is this far past its due time (or a step of it this long under way) is reported as late work.</summary>
    public TimeSpan MonitorLateAfter { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class WatchdogOptionsValidator : IValidateOptions<WatchdogOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchdogOptions options)
    {
        var errors = new SettingErrors();
        const string s = WatchdogOptions.Section;
        errors.Positive($"{s}:StallAfter", options.StallAfter);
        errors.Positive($"{s}:CheckInterval", options.CheckInterval);
        errors.Positive($"{s}:MonitorLateAfter", options.MonitorLateAfter);
        if (options.CheckInterval > TimeSpan.Zero && options.StallAfter > TimeSpan.Zero && options.CheckInterval > options.StallAfter)
            errors.Add($"{s}:CheckInterval", $"must not be longer than StallAfter ({options.StallAfter})");
        return errors.Result;
    }
}
