using FleetOps.Core.Contracts;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// Checks the body of POST /api/runs/{id}/retune before the run is looked up: something to change, a concurrency in
/// range, budgets that parse. Whether a rollback budget fits the run (it needs a rollback action) is the handler's,
/// which knows the run.
/// </summary>
public static class RetuneRequestValidator
{
    public static IReadOnlyList<ValidationError> Validate(RetuneRequest? retune)
    {
        var errors = new ValidationErrors();
        if (retune is null || (retune.Concurrency is null && retune.Budgets is null))
            errors.Add("body", "give concurrency and/or budgets");
        if (retune?.Concurrency is { } c && c is < 1 or > RolloutRequestValidator.MaxConcurrency)
            errors.Add("concurrency", $"{c} is out of range 1-{RolloutRequestValidator.MaxConcurrency}");
        if (retune?.Budgets is { } b)
        {
            if (!ErrorBudget.TryParse(b.ActionFailures, "budgets.actionFailures", out _, out var actionError)) errors.Add(actionError!);
            if (!ErrorBudget.TryParse(b.GateFailures, "budgets.gateFailures", out _, out var gateError)) errors.Add(gateError!);
            if (b.OnExceeded is { } onExceeded && RolloutModes.BudgetActionProblem(onExceeded) is { } problem) errors.Add("budgets.onExceeded", problem);
        }
        return errors.ToList();
    }
}
