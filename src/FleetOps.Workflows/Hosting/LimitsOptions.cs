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

    public SweepLimits ToSweepLimits() =>
        MaxProbesPerRun is { } max ? SweepLimits.Default with { MaxProbesPerRun = max } : SweepLimits.Default;
}

public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new SettingErrors();
        if (options.MaxProbesPerRun is { } max) errors.Range($"{LimitsOptions.Section}:MaxProbesPerRun", max, 1, 10_000_000);
        return errors.Result;
    }
}
