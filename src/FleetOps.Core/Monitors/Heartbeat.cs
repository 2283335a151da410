using FleetOps.Core.Results;

namespace FleetOps.Core.Monitors;

/// <summary>What a heartbeat monitor knows between cycles: when it began waiting, the last beat, the last reported failure.</summary>
public sealed record HeartbeatLog(DateTimeOffset WaitingSince, DateTimeOffset? LastBeat = null, DateTimeOffset? LastFailure = null, string? FailureMessage = null);

/// <summary>
/// A dead man's switch. A beat is due every <see cref="Period"/>; the monitor is down when none arrived within
/// period + grace (of the last beat, or of when it began waiting), or when the job reported a failure after its last
/// beat; it is up again on the next beat. Observations feed the state machine with thresholds of 1.
/// </summary>
public sealed record Heartbeat(TimeSpan Period, TimeSpan Grace)
{
    /// <summary>The label a heartbeat's single target gets in states, alerts and uptime.</summary>
    public const string CheckLabel = "heartbeat";

    public static Heartbeat For(HeartbeatSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(DurationField.Of(spec.Period!), spec.Grace is { } grace ? DurationField.Of(grace) : MonitorLimits.DefaultHeartbeatGrace);
    }

    /// <summary>
    /// What a cycle at <paramref name="now"/> observes, or null while the first period (+ grace) since waiting began
    /// has not run out without a beat: nothing to judge yet, the state stays unknown.
    /// </summary>
    public Observation? Observe(HeartbeatLog log, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.LastFailure is { } failed && (log.LastBeat is not { } beat || failed >= beat))
            return Down(now, $"the job reported a failure at {failed:u}" + (log.FailureMessage is { Length: > 0 } m ? $": {m}" : ""), ErrorKind.Other);

        var deadline = (log.LastBeat ?? log.WaitingSince) + Period + Grace;
        if (now <= deadline) return log.LastBeat is null ? null : new Observation(true, now, null, CheckLabel);
        var last = log.LastBeat is { } b ? $"the last beat was at {b:u}" : $"no beat since {log.WaitingSince:u}";
        return Down(now, $"no beat within {DurationField.Format(Period)} + {DurationField.Format(Grace)} grace: {last}", ErrorKind.Timeout);
    }

    /// <summary>When a cycle should look next to catch the deadline on time: the due time of the next missing beat.</summary>
    public DateTimeOffset Deadline(HeartbeatLog log) => (log.LastBeat ?? log.WaitingSince) + Period + Grace;

    private static Observation Down(DateTimeOffset now, string message, ErrorKind kind) =>
        new(false, now, null, CheckLabel, new ProbeError(kind, message) { Transient = false });
}
