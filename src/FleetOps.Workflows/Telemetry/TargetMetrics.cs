using System.Diagnostics.Metrics;

namespace FleetOps.Workflows.Telemetry;

/// <summary>
/// Per monitored target, from its latest cycle in this process (<see cref="LatestProbes"/>), as blackbox_exporter names
/// them: <c>probe_success</c> (1 or 0), <c>probe_duration_seconds</c>, <c>probe_ssl_earliest_cert_expiry</c> (Unix
/// seconds, when a TLS or HTTPS check saw a certificate) and <c>fleetops_probe_error{error_kind}</c> (1, with "none" when
/// it passed); labelled <c>monitor</c>, <c>target</c> and the inventory labels listed in FleetOps:Metrics:TargetLabels.
/// With several hosts, each exports the targets it probed: aggregate over instances.
/// </summary>
public sealed class TargetMetrics
{
    /// <summary>The instruments' names, for the exporter's per-instrument series limit.</summary>
    public static readonly string[] Instruments = ["probe_success", "probe.duration", "probe_ssl_earliest_cert_expiry", "fleetops.probe.error"];

    public TargetMetrics(IMeterFactory meters, LatestProbes latest)
    {
        var meter = meters.Create(FleetOpsMetrics.MeterName);
        meter.CreateObservableGauge("probe_success", () => latest.Current().Select(s => new Measurement<double>(s.Ok ? 1 : 0, s.Tags)),
            null, "Whether the monitored target's latest cycle passed (1) or failed (0)");
        meter.CreateObservableGauge("probe.duration", () => latest.Current().Select(s => new Measurement<double>(s.DurationSeconds, s.Tags)),
            "s", "How long the monitored target's latest probe took, all its checks");
        meter.CreateObservableGauge("probe_ssl_earliest_cert_expiry",
            () => latest.Current().Where(s => s.CertificateExpiry is not null).Select(s => new Measurement<double>(s.CertificateExpiry!.Value, s.Tags)),
            null, "When the earliest certificate the monitored target's TLS or HTTPS checks saw expires, in Unix seconds");
        meter.CreateObservableGauge("fleetops.probe.error",
            () => latest.Current().Select(s => new Measurement<double>(1, [.. s.Tags, new("error_kind", s.ErrorKind)])),
            null, "The error kind of the monitored target's latest cycle (none when it passed)");
        var dropped = meter.CreateCounter<long>("fleetops.metrics.series.dropped", "{target}",
            "Monitored targets not exported because FleetOps:Metrics:MaxTargetSeries was reached");
        latest.Dropped += n => dropped.Add(n);
    }
}
