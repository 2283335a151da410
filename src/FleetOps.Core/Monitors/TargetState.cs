using FleetOps.Core.Results;

namespace FleetOps.Core.Monitors;

/// <summary>
/// One target's state between cycles, as stored in the monitor's per-batch state blob. <see cref="LastCycle"/> makes
/// applying a cycle idempotent: a redelivered batch finds its cycle already applied and changes nothing.
/// </summary>
public sealed record TargetState
{
    public MonitorState State { get; init; }

    /// <summary>The state before the current one (what an alert says it changed from).</summary>
    public MonitorState Previous { get; init; }

    /// <summary>When the current state began (the first observation for <see cref="MonitorState.Unknown"/>).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The cycle that changed the state to the current one: with the state, it names the change (the alert id).</summary>
    public long ChangeCycle { get; init; }

    public int ConsecutiveFailures { get; init; }
    public int ConsecutiveSuccesses { get; init; }

    /// <summary>The last cycle applied (0: none yet).</summary>
    public long LastCycle { get; init; }
    public DateTimeOffset? LastAt { get; init; }
    public double? LatencyMs { get; init; }

    /// <summary>The last failure's check label and classified error, kept while the target fails.</summary>
    public string? FailingCheck { get; init; }
    public ErrorKind? ErrorKind { get; init; }
    public string? Error { get; init; }

    public static TargetState New { get; } = new();

    /// <summary>Whether the last observation failed (a target may fail without being down yet).</summary>
    public bool Failing => ConsecutiveFailures > 0;
}

/// <summary>A change of a target's state, in the cycle that made it.</summary>
public sealed record StateTransition(
    string Target,
    MonitorState From,
    MonitorState To,
    long Cycle,
    DateTimeOffset At,
    string? FailingCheck = null,
    ProbeError? Error = null)
{
    /// <summary>Worth telling someone: anything but a new target's first up.</summary>
    public bool Alerting => !(From == MonitorState.Unknown && To == MonitorState.Up);
}

/// <summary>Consecutive failures that turn a target down, and consecutive successes that bring a down one back.</summary>
public sealed record Thresholds(int Failure, int Success)
{
    public static Thresholds Default { get; } = new(MonitorLimits.DefaultFailureThreshold, MonitorLimits.DefaultSuccessThreshold);

    /// <summary>A heartbeat decides by time, not by count: one late beat is down, one beat is up.</summary>
    public static Thresholds For(MonitorDefinition definition) =>
        definition.Heartbeat is not null
            ? new(1, 1)
            : new(definition.FailureThreshold ?? MonitorLimits.DefaultFailureThreshold, definition.SuccessThreshold ?? MonitorLimits.DefaultSuccessThreshold);
}
