namespace FleetOps.Core.Rollouts;

/// <summary>
/// Where a rollout stands. Wire names (<see cref="WireNames"/>): running, waiting-approval, paused, halted,
/// rolled-back, completed, cancelled, failed.
/// </summary>
public enum RolloutState
{
    Running,

    /// <summary>Stopped at an approval point (approval.mode) until a person approves or the approval times out.</summary>
    WaitingApproval,

    /// <summary>Stopped by a person; resumes where it stopped.</summary>
    Paused,

    /// <summary>An error budget was exceeded with onExceeded "halt": done nodes stay changed, the rest untouched.</summary>
    Halted,

    /// <summary>An error budget was exceeded with onExceeded "rollback": the rollback action ran on the changed nodes.</summary>
    RolledBack,

    Completed,
    Cancelled,

    /// <summary>Something broke (storage errors after every retry, a terminated run): the reason says what.</summary>
    Failed,
}

/// <summary>What a running rollout waits for. Wire names: preflight, approval, actions, gate, rollback, analysis.</summary>
public enum RolloutPhase
{
    Preflight,
    Approval,
    Actions,
    Gate,
    Rollback,

    /// <summary>The gate's Prometheus queries (gate.prometheus), or a person's resume after they were inconclusive.</summary>
    Analysis,
}
