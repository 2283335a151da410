using System.Text.Json;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class BudgetLedgerTests
{
    private static BudgetLedger Ledger(string action = "0", string gate = "0", BudgetAction on = BudgetAction.Halt, int selected = 20) =>
        BudgetLedger.Start(selected, 10, new RolloutBudgets(
            BudgetValue.From(ErrorBudget.Parse(JsonDocument.Parse($"\"{action}\"").RootElement, "a")),
            BudgetValue.From(ErrorBudget.Parse(JsonDocument.Parse($"\"{gate}\"").RootElement, "g")), on));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Failures_count_over_the_whole_rollout_and_exceed_above_the_allowance()
    {
        var ledger = Ledger(action: "10%");
        ledger = ledger.WithActions(5, 2);
        Assert.Null(ledger.ActionsExceeded());
        ledger = ledger.WithActions(4, 1);
        Assert.Equal((9, 3), (ledger.Done, ledger.Failed));
        Assert.Equal("action failures: 3 of 20 nodes is more than the budget of 10% (2 allowed)", ledger.ActionsExceeded());
    }

    [Fact]
    public void Gate_failures_have_their_own_budget()
    {
        var ledger = Ledger(gate: "2").WithGateFailures(2);
        Assert.Null(ledger.GateExceeded());
        Assert.Null(ledger.ActionsExceeded());
        Assert.StartsWith("gate failures: 3 of 20 nodes", ledger.WithGateFailures(1).GateExceeded());
    }

    [Fact]
    public void The_default_budget_stops_on_the_first_failure() =>
        Assert.NotNull(Ledger().WithActions(0, 1).ActionsExceeded());

    [Fact]
    public void A_retune_changes_only_what_it_gives()
    {
        var ledger = Ledger(action: "1", gate: "5%").WithActions(3, 1);
        var retuned = ledger.Retuned(new RetuneRequest { Concurrency = 4, Budgets = new BudgetSpec { GateFailures = Json("\"10%\"") } });
        Assert.Equal(4, retuned.Concurrency);
        Assert.Equal("1", retuned.ActionBudget.ToString());
        Assert.Equal("10%", retuned.GateBudget.ToString());
        Assert.Equal((3, 1), (retuned.Done, retuned.Failed));

        var nulls = ledger.Retuned(new RetuneRequest { Budgets = new BudgetSpec { ActionFailures = Json("null"), OnExceeded = "rollback" } });
        Assert.Equal("1", nulls.ActionBudget.ToString());
        Assert.Equal(BudgetAction.Rollback, nulls.OnExceeded);
        Assert.Equal(10, nulls.Concurrency);
    }

    [Fact]
    public void Invalid_retune_values_are_ignored_not_trusted()
    {
        var ledger = Ledger(action: "1");
        var same = ledger.Retuned(new RetuneRequest { Concurrency = 0, Budgets = new BudgetSpec { ActionFailures = Json("\"120%\""), OnExceeded = "explode" } });
        Assert.Equal(ledger, same);
    }

    [Fact]
    public void Describe_names_the_settings_in_force() =>
        Assert.Equal("concurrency 10; budgets: action failures 2, gate failures 5%, on exceeded rollback",
            Ledger(action: "2", gate: "5%", on: BudgetAction.Rollback).Describe());

    [Fact]
    public void The_ledger_survives_a_json_round_trip()
    {
        var ledger = Ledger(action: "3", gate: "50%", on: BudgetAction.Rollback).WithActions(7, 2).WithGateFailures(1);
        var back = JsonSerializer.Deserialize<BudgetLedger>(JsonSerializer.Serialize(ledger, FleetOpsJson.Options), FleetOpsJson.Options);
        Assert.Equal(ledger, back);
    }
}
