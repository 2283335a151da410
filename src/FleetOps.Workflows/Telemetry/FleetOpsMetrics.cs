using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using FleetOps.Core.Results;

namespace FleetOps.Workflows.Telemetry;

/// <summary>
/// The workflows' counters on the <c>FleetOps</c> meter, counted where the work is done so both hosts count alike.
/// Tags are closed sets (run kind, ok/failed, error kind): no target, run id or label ever becomes a series.
/// The self-host exports them at <c>/metrics</c>.
/// </summary>
public sealed class FleetOpsMetrics
{
    public const string MeterName = "FleetOps";

    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _targets;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _alertDeliveries;

    public FleetOpsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _runsStarted = meter.CreateCounter<long>("fleetops.runs.started", "{run}", "Runs started (a repeated start of the same run is not counted), by kind");
        _batches = meter.CreateCounter<long>("fleetops.probe.batches", "{batch}", "Probe batches completed (a redelivered batch that found its results is not counted)");
        _targets = meter.CreateCounter<long>("fleetops.probe.targets", "{target}", "Targets probed, by result and the failing check's error kind");
        _latency = meter.CreateHistogram<double>("fleetops.probe.duration", "s", "Time to probe one target (all its checks)");
        _alertDeliveries = meter.CreateCounter<long>("fleetops.alert.deliveries", "{delivery}",
            "Alert deliveries to notifiers, by outcome: sent, retried (a transient failure, tried again later), failed (poisoned)");
    }

    public void RunStarted(string kind) => _runsStarted.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void BatchProbed(IReadOnlyList<TargetResult> results)
    {
        _batches.Add(1);
        foreach (var result in results)
        {
            _targets.Add(1, new("result", result.Ok ? "ok" : "failed"), new("error_kind", ErrorKindTag(result)));
            _latency.Record(result.LatencyMs / 1000.0);
        }
    }

    public void AlertDelivery(string outcome) => _alertDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    // The error kind as reports spell it (kebab-case, "http-status"), so a series and a report line match; spelled
    // once per kind, not once per failed target.
    private static readonly FrozenDictionary<ErrorKind, string> ErrorKindTags = Enum.GetValues<ErrorKind>()
        .ToDictionary(k => k, k => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()))
        .ToFrozenDictionary();

    internal static string ErrorKindTag(TargetResult result) => result.Ok ? "none" : ErrorKindTags[result.Error?.Kind ?? ErrorKind.Other];
}
