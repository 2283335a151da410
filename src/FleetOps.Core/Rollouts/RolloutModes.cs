using FleetOps.Core.Contracts;

namespace FleetOps.Core.Rollouts;

/// <summary>approval.mode: where a rollout waits for a person.</summary>
public enum ApprovalMode { None, BeforeFirst, AfterCanary, EveryWave }

/// <summary>budgets.onExceeded: what happens when an error budget is exceeded.</summary>
public enum BudgetAction { Halt, Rollback }

/// <summary>The request's string choices by wire name (<see cref="WireNames"/>), so the validator and the orchestrator read them alike.</summary>
public static class RolloutModes
{
    public static IReadOnlyDictionary<string, ApprovalMode> ApprovalModes => WireNames.All<ApprovalMode>();

    public static IReadOnlyDictionary<string, BudgetAction> BudgetActions => WireNames.All<BudgetAction>();

    /// <summary>Null when <paramref name="name"/> is a budget action; else why not (rollouts and retunes say it alike).</summary>
    public static string? BudgetActionProblem(string name) =>
        BudgetActions.ContainsKey(name) ? null : $"{Echo.Quote(name)} is not one of: {string.Join(", ", BudgetActions.Keys)}";

    /// <summary>approval.mode of a validated request; absent is <see cref="ApprovalMode.None"/>.</summary>
    public static ApprovalMode Approval(RolloutRequest request) =>
        request.Approval?.Mode is { } mode ? ApprovalModes[mode] : ApprovalMode.None;

    /// <summary>budgets.onExceeded of a validated request; absent is <see cref="BudgetAction.Halt"/>.</summary>
    public static BudgetAction OnExceeded(RolloutRequest request) =>
        request.Budgets?.OnExceeded is { } action ? BudgetActions[action] : BudgetAction.Halt;

    /// <summary>Whether the wave at <paramref name="waveIndex"/> (0-based) waits for a person first.</summary>
    public static bool NeedsApproval(ApprovalMode mode, int waveIndex) => mode switch
    {
        ApprovalMode.BeforeFirst => waveIndex == 0,
        ApprovalMode.AfterCanary => waveIndex == 1,
        ApprovalMode.EveryWave => true,
        _ => false,
    };
}
