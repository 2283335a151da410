namespace FleetOps.Core.Rollouts;

/// <summary>approval.mode: where a rollout waits for a person.</summary>
public enum ApprovalMode { None, BeforeFirst, AfterCanary, EveryWave }

/// <summary>budgets.onExceeded: what happens when an error budget is exceeded.</summary>
public enum BudgetAction { Halt, Rollback }

/// <summary>The wire names of the request's string choices, so the validator and the orchestrator read them alike.</summary>
public static class RolloutModes
{
    public static readonly IReadOnlyDictionary<string, ApprovalMode> ApprovalModes = new Dictionary<string, ApprovalMode>(StringComparer.Ordinal)
    {
        ["none"] = ApprovalMode.None,
        ["before-first"] = ApprovalMode.BeforeFirst,
        ["after-canary"] = ApprovalMode.AfterCanary,
        ["every-wave"] = ApprovalMode.EveryWave,
    };

    public static readonly IReadOnlyDictionary<string, BudgetAction> BudgetActions = new Dictionary<string, BudgetAction>(StringComparer.Ordinal)
    {
        ["halt"] = BudgetAction.Halt,
        ["rollback"] = BudgetAction.Rollback,
    };

    /// <summary>approval.mode of a validated request; absent is <see cref="ApprovalMode.None"/>.</summary>
    public static ApprovalMode Approval(RolloutRequest request) =>
        request.Approval?.Mode is { } mode ? ApprovalModes[mode] : ApprovalMode.None;

    /// <summary>budgets.onExceeded of a validated request; absent is <see cref="BudgetAction.Halt"/>.</summary>
    public static BudgetAction OnExceeded(RolloutRequest request) =>
        request.Budgets?.OnExceeded is { } action ? BudgetActions[action] : BudgetAction.Halt;
}
