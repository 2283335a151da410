using System.Globalization;

namespace FleetOps.Core.Rollouts;

/// <summary>A budget in durable payloads (<see cref="ErrorBudget"/> itself has no public constructor).</summary>
public sealed record BudgetValue(int Value, bool Percent)
{
    public static BudgetValue From(ErrorBudget budget) => new(budget.Value, budget.IsPercent);
    public ErrorBudget ToBudget() => Percent ? ErrorBudget.Percent(Value) : ErrorBudget.Count(Value);
    public override string ToString() => ToBudget().ToString();
}

public sealed record RolloutBudgets(BudgetValue ActionFailures, BudgetValue GateFailures, BudgetAction OnExceeded);

/// <summary>
/// The error budgets and concurrency in force, and the failures counted against the budgets over the whole rollout
/// (every selected node, not the wave). Immutable: each count returns a new ledger, so it travels in the
/// orchestration's state as it is. Exceeded is failures ABOVE the allowance (<see cref="ErrorBudget.IsExceeded"/>).
/// </summary>
public sealed record BudgetLedger
{
    public int Selected { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public int GateFailures { get; init; }
    public int Concurrency { get; init; }
    public BudgetValue ActionBudget { get; init; } = BudgetValue.From(ErrorBudget.None);
    public BudgetValue GateBudget { get; init; } = BudgetValue.From(ErrorBudget.None);
    public BudgetAction OnExceeded { get; init; }

    public static BudgetLedger Start(int selected, int concurrency, RolloutBudgets budgets) => new()
    {
        Selected = selected,
        Concurrency = concurrency,
        ActionBudget = budgets.ActionFailures,
        GateBudget = budgets.GateFailures,
        OnExceeded = budgets.OnExceeded,
    };

    public BudgetLedger WithActions(int ok, int failed) => this with { Done = Done + ok, Failed = Failed + failed };

    public BudgetLedger WithGateFailures(int failures) => this with { GateFailures = GateFailures + failures };

    /// <summary>Why the action budget is exceeded, or null while it holds.</summary>
    public string? ActionsExceeded() => ActionBudget.ToBudget().IsExceeded(Failed, Selected)
        ? $"action failures: {Failed} of {Selected} nodes is more than the budget of {ActionBudget} ({ActionBudget.ToBudget().Allowed(Selected)} allowed)"
        : null;

    /// <summary>Why the gate budget is exceeded, or null while it holds.</summary>
    public string? GateExceeded() => GateBudget.ToBudget().IsExceeded(GateFailures, Selected)
        ? $"gate failures: {GateFailures} of {Selected} nodes is more than the budget of {GateBudget} ({GateBudget.ToBudget().Allowed(Selected)} allowed)"
        : null;

    /// <summary>
    /// The ledger with a retune's concurrency and budgets in force. Fields the retune leaves out (or sets to null) stay;
    /// invalid ones (the API refuses them) are ignored rather than trusted.
    /// </summary>
    public BudgetLedger Retuned(RetuneRequest retune)
    {
        var next = this;
        if (retune.Concurrency is { } c && c >= 1) next = next with { Concurrency = c };
        if (retune.Budgets is not { } b) return next;
        if (Retunes.Given(b.ActionFailures) && ErrorBudget.TryParse(b.ActionFailures, "budgets.actionFailures", out var action, out _))
            next = next with { ActionBudget = BudgetValue.From(action) };
        if (Retunes.Given(b.GateFailures) && ErrorBudget.TryParse(b.GateFailures, "budgets.gateFailures", out var gate, out _))
            next = next with { GateBudget = BudgetValue.From(gate) };
        if (WireNames.TryParse<BudgetAction>(b.OnExceeded, out var onExceeded)) next = next with { OnExceeded = onExceeded };
        return next;
    }

    /// <summary>"concurrency 10; budgets: action failures 0, gate failures 5%, on exceeded halt".</summary>
    public string Describe(bool gate = true) =>
        string.Create(CultureInfo.InvariantCulture,
            $"concurrency {Concurrency}; budgets: action failures {ActionBudget}{(gate ? $", gate failures {GateBudget}" : "")}, on exceeded {WireNames.Of(OnExceeded)}");
}
