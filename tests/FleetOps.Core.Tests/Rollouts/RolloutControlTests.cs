using System.Text.Json;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class RolloutControlTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Later_retunes_win_field_by_field()
    {
        var first = new RetuneRequest { Concurrency = 4, Budgets = new BudgetSpec { ActionFailures = Json("1"), GateFailures = Json("\"5%\"") }, By = "erin" };
        var second = new RetuneRequest { Budgets = new BudgetSpec { GateFailures = Json("\"10%\""), OnExceeded = "rollback" } };
        var merged = Retunes.Merge(Retunes.Merge(null, first), second);
        Assert.Equal(4, merged.Concurrency);
        Assert.Equal("1", merged.Budgets!.ActionFailures!.Value.GetRawText());
        Assert.Equal("\"10%\"", merged.Budgets.GateFailures!.Value.GetRawText());
        Assert.Equal("rollback", merged.Budgets.OnExceeded);
        Assert.Equal("erin", merged.By);
    }

    [Fact]
    public void A_null_budget_in_a_later_retune_does_not_erase_an_earlier_one()
    {
        var merged = Retunes.Merge(
            new RetuneRequest { Budgets = new BudgetSpec { ActionFailures = Json("2") } },
            new RetuneRequest { Budgets = new BudgetSpec { ActionFailures = Json("null") } });
        Assert.Equal("2", merged.Budgets!.ActionFailures!.Value.GetRawText());
    }

    [Fact]
    public void A_retune_describes_itself()
    {
        Assert.Equal("concurrency 20, gate failures 10%",
            Retunes.Describe(new RetuneRequest { Concurrency = 20, Budgets = new BudgetSpec { GateFailures = Json("\"10%\"") } }));
        Assert.Equal("nothing to change", Retunes.Describe(new RetuneRequest()));
    }
}
