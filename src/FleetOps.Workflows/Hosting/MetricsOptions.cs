using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// <c>FleetOps:Metrics</c>: the per-target series on <c>/metrics</c> (probe_success and its kin, one per monitored
/// target) and the queue depth gauge. Inventory labels become series labels only when listed here, and the number of
/// targets exported is capped.
/// </summary>
public sealed partial class MetricsOptions
{
    public const string Section = "FleetOps:Metrics";

    /// <summary>The labels every per-target series carries already.</summary>
    public static readonly string[] Reserved = ["monitor", "target", "error_kind", "job", "instance", "le", "quantile"];

    /// <summary>Inventory labels copied onto the per-target series, e.g. ["group", "region"]; none by default.</summary>
    public List<string> TargetLabels { get; set; } = [];

    /// <summary>Monitored targets exported at most; beyond it new targets are dropped and counted (fleetops_metrics_series_dropped_total).</summary>
    public int MaxTargetSeries { get; set; } = 100_000;

    /// <summary>A target not probed for this long (its monitor deleted, or the target left it) leaves the series.</summary>
    public TimeSpan TargetTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the queue depth gauge asks storage for the queues' approximate message counts, at most.</summary>
    public TimeSpan QueueDepthRefresh { get; set; } = TimeSpan.FromSeconds(15);

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    public static partial Regex LabelName();
}

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public const int MaxTargetLabels = 10;

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var errors = new SettingErrors();
        const string s = MetricsOptions.Section;
        if (options.TargetLabels.Count > MaxTargetLabels) errors.Add($"{s}:TargetLabels", $"at most {MaxTargetLabels} labels (got {options.TargetLabels.Count})");
        for (var i = 0; i < options.TargetLabels.Count; i++)
        {
            var label = options.TargetLabels[i];
            if (!MetricsOptions.LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
                errors.Add($"{s}:TargetLabels:{i}", $"'{label}' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
            else if (MetricsOptions.Reserved.Contains(label))
                errors.Add($"{s}:TargetLabels:{i}", $"'{label}' is a label the series carry already");
            else if (options.TargetLabels.IndexOf(label) < i)
                errors.Add($"{s}:TargetLabels:{i}", $"'{label}' is listed twice");
        }
        errors.Range($"{s}:MaxTargetSeries", options.MaxTargetSeries, 1, 1_000_000);
        errors.Positive($"{s}:TargetTtl", options.TargetTtl);
        errors.Positive($"{s}:QueueDepthRefresh", options.QueueDepthRefresh);
        return errors.Result;
    }
}
