using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Engine;

/// <summary>Configuration section <c>FleetOps:Engine</c>: self-host-only knobs and per-process overrides of host.json.</summary>
public sealed class EngineOverrides
{
    public const string Section = "FleetOps:Engine";

    public string? HubName { get; set; }
    public int? PartitionCount { get; set; }
    public int? MaxConcurrentActivities { get; set; }
    public string? WorkerId { get; set; }
    // Short leases so a survivor (or a restarted host under a new worker id) takes a dead host's partitions within
    // seconds; the cost is one partition-table read and a write per owned partition every LeaseAcquireInterval.
    // See docs/recovery.md.
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(6);
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the partition manager reads the partition table: claims expired leases and renews its own.</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Null keeps the engine's default (the table partition manager); false uses the blob-lease manager.</summary>
    public bool? UseTablePartitionManagement { get; set; }
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long stopping the engine's worker (on shutdown or a watchdog recycle) waits for work in flight.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public EngineSettings Apply(EngineSettings settings) => settings with
    {
        HubName = HubName ?? settings.HubName,
        PartitionCount = PartitionCount ?? settings.PartitionCount,
        MaxConcurrentActivities = MaxConcurrentActivities ?? settings.MaxConcurrentActivities,
    };
}

public sealed class EngineOverridesValidator : IValidateOptions<EngineOverrides>
{
    public ValidateOptionsResult Validate(string? name, EngineOverrides options)
    {
        var errors = new SettingErrors();
        const string s = EngineOverrides.Section;
        if (options.HubName is { } hub && EngineSettings.HubNameProblem(hub) is { } problem) errors.Add($"{s}:HubName", problem);
        if (options.PartitionCount is { } partitions) errors.Range($"{s}:PartitionCount", partitions, 1, 16);
        if (options.MaxConcurrentActivities is { } activities) errors.Range($"{s}:MaxConcurrentActivities", activities, 1, 1000);
        errors.Positive($"{s}:LeaseInterval", options.LeaseInterval);
        errors.Positive($"{s}:LeaseRenewInterval", options.LeaseRenewInterval);
        if (options.LeaseRenewInterval >= options.LeaseInterval && options.LeaseRenewInterval > TimeSpan.Zero && options.LeaseInterval > TimeSpan.Zero)
            errors.Add($"{s}:LeaseRenewInterval", $"must be shorter than LeaseInterval ({options.LeaseInterval})");
        errors.Positive($"{s}:LeaseAcquireInterval", options.LeaseAcquireInterval);
        if (options.LeaseAcquireInterval >= options.LeaseInterval && options.LeaseAcquireInterval > TimeSpan.Zero && options.LeaseInterval > TimeSpan.Zero)
            errors.Add($"{s}:LeaseAcquireInterval", $"must be shorter than LeaseInterval ({options.LeaseInterval})");
        errors.Positive($"{s}:MaxQueuePollingInterval", options.MaxQueuePollingInterval);
        errors.Positive($"{s}:StopTimeout", options.StopTimeout);
        if (options.WorkerId is { } id && (id.Length is 0 or > 100 || id.Any(char.IsControl))) errors.Add($"{s}:WorkerId", "must be 1 to 100 printable characters");
        return errors.Result;
    }
}
