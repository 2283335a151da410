using FleetOps.Core.Contracts;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// <c>FleetOps:Limits</c>: per-run cost limits, validated here and handed to the domain as <see cref="SweepLimits"/>.
/// Null means "the domain's default".
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "FleetOps:Limits";

    /// <summary>Targets × checks one sweep may probe.</summary>
    public int? MaxProbesPerRun { get; set; }

    /// <summary>Targets one sweep may hold (1 to 1,000,000, the most hosts an inventory holds).</summary>
    public int? MaxTargetsPerRun { get; set; }

    public SweepLimits ToSweepLimits() => SweepLimits.Default with
    {
        MaxProbesPerRun = MaxProbesPerRun ?? SweepLimits.Default.MaxProbesPerRun,
        MaxTargets = MaxTargetsPerRun ?? SweepLimits.Default.MaxTargets,
    };
}

public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new SettingErrors();
        if (options.MaxProbesPerRun is { } max) errors.Range($"{LimitsOptions.Section}:MaxProbesPerRun", max, 1, 10_000_000);
        if (options.MaxTargetsPerRun is { } targets) errors.Range($"{LimitsOptions.Section}:MaxTargetsPerRun", targets, 1, SweepLimits.MaxTargetsCeiling);
        return errors.Result;
    }
}
