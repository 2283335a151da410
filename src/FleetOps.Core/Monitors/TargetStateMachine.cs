namespace FleetOps.Core.Monitors;

/// <summary>
/// Gatus semantics for one target. Failures in a row reaching the failure threshold turn an up or unknown target
/// down; successes in a row reaching the success threshold turn a down target up; an unknown target is up on its
/// first success. A flap shorter than the thresholds never changes the state, so it never alerts.
/// </summary>
public static class TargetStateMachine
{
    /// <summary>Longest error text kept in state (and so in alerts): condition messages can be long.</summary>
    public const int MaxErrorChars = 512;

    /// <summary>
    /// The state after <paramref name="observation"/> in <paramref name="cycle"/>, and the transition if the state
    /// changed. A cycle at or before <see cref="TargetState.LastCycle"/> was applied already: the state comes back as
    /// it is, with no transition (a redelivered activity must not count an observation twice).
    /// </summary>
    public static (TargetState State, StateTransition? Transition) Apply(
        string target, TargetState state, Observation observation, Thresholds thresholds, long cycle)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observation);
        if (cycle <= state.LastCycle) return (state, null);

        var failures = observation.Ok ? 0 : SaturatingIncrement(state.ConsecutiveFailures);
        var successes = observation.Ok ? SaturatingIncrement(state.ConsecutiveSuccesses) : 0;
        var next = state.State switch
        {
            MonitorState.Unknown when observation.Ok => MonitorState.Up,
            MonitorState.Unknown or MonitorState.Up when failures >= thresholds.Failure => MonitorState.Down,
            MonitorState.Down when successes >= thresholds.Success => MonitorState.Up,
            _ => state.State,
        };

        var changed = next != state.State;
        var updated = state with
        {
            State = next,
            Previous = changed ? state.State : state.Previous,
            Since = changed || state.Since is null ? observation.At : state.Since,
            ChangeCycle = changed ? cycle : state.ChangeCycle,
            ConsecutiveFailures = failures,
            ConsecutiveSuccesses = successes,
            LastCycle = cycle,
            LastAt = observation.At,
            LatencyMs = observation.LatencyMs,
            FailingCheck = observation.Ok ? null : observation.FailingCheck,
            ErrorKind = observation.Ok ? null : observation.Error?.Kind,
            Error = observation.Ok ? null : Truncate(observation.Error?.Message),
        };
        var transition = changed
            ? new StateTransition(target, state.State, next, cycle, observation.At, updated.FailingCheck,
                observation is { Ok: false, Error: { } error } ? error with { Message = Truncate(error.Message)! } : null)
            : null;
        return (updated, transition);
    }

    private static int SaturatingIncrement(int count) => count == int.MaxValue ? count : count + 1;

    private static string? Truncate(string? text) =>
        text is { Length: > MaxErrorChars } ? text[..(MaxErrorChars - 1)] + "…" : text;
}
