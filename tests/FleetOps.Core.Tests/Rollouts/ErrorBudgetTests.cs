using System.Text.Json;
using FleetOps.Core.Contracts;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class ErrorBudgetTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static ErrorBudget Parse(string json) => ErrorBudget.Parse(Json(json), "budgets.actionFailures");

    // Exceeded when failures go ABOVE the allowance; a percentage is floor(pct × selected / 100).
    [Theory]
    [InlineData("\"10%\"", 20, 2, false)]
    [InlineData("\"10%\"", 20, 3, true)]
    [InlineData("\"10%\"", 5, 0, false)]
    [InlineData("\"10%\"", 5, 1, true)]    // 10% of 5 = 0.5 → 0 allowed
    [InlineData("\"10%\"", 19, 1, false)]  // 1.9 → 1
    [InlineData("\"10%\"", 19, 2, true)]
    [InlineData("\"10%\"", 10, 1, false)]
    [InlineData("\"10%\"", 10, 2, true)]
    [InlineData("\"33%\"", 3, 0, false)]   // 0.99 → 0
    [InlineData("\"33%\"", 3, 1, true)]
    [InlineData("\"50%\"", 3, 1, false)]
    [InlineData("\"50%\"", 3, 2, true)]
    [InlineData("\"100%\"", 7, 7, false)]  // 100% never stops the rollout
    [InlineData("\"0%\"", 1000, 1, true)]
    [InlineData("\"0\"", 10, 0, false)]
    [InlineData("\"0\"", 10, 1, true)]     // "0": no failure tolerated
    [InlineData("0", 10, 1, true)]
    [InlineData("3", 10, 3, false)]
    [InlineData("3", 10, 4, true)]
    [InlineData("\"3\"", 10, 3, false)]
    [InlineData("\"3\"", 10, 4, true)]
    [InlineData("3", 2, 2, false)]         // a count larger than the fleet: nothing can exceed it
    [InlineData("\"10%\"", 100_000, 10_000, false)]
    [InlineData("\"10%\"", 100_000, 10_001, true)]
    public void Exceeded_only_above_the_allowance(string spec, int selected, int failures, bool exceeded) =>
        Assert.Equal(exceeded, Parse(spec).IsExceeded(failures, selected));

    [Theory]
    [InlineData("\"10%\"", 20, 2)]
    [InlineData("\"10%\"", 5, 0)]
    [InlineData("\"25%\"", 10, 2)]
    [InlineData("\"100%\"", 9, 9)]
    [InlineData("\"1%\"", 0, 0)]
    [InlineData("4", 0, 4)]
    [InlineData("\"99%\"", int.MaxValue, 2_126_008_810)] // no overflow: computed in 64 bits
    public void Allowed_is_the_count_or_the_floor_of_the_percentage(string spec, int selected, int allowed) =>
        Assert.Equal(allowed, Parse(spec).Allowed(selected));

    [Fact]
    public void Absent_or_null_tolerates_no_failure()
    {
        foreach (var budget in new[] { ErrorBudget.Parse(null, "f"), ErrorBudget.Parse(Json("null"), "f") })
        {
            Assert.Same(ErrorBudget.None, budget);
            Assert.False(budget.IsExceeded(0, 100));
            Assert.True(budget.IsExceeded(1, 100));
        }
    }

    [Theory]
    [InlineData("-1", "0 or more")]
    [InlineData("1.5", "0 or more")]
    [InlineData("\"-1\"", "neither")]
    [InlineData("\"101%\"", "0%-100%")]
    [InlineData("\"1000%\"", "0%-100%")]
    [InlineData("\"2.5%\"", "neither")]
    [InlineData("\"%\"", "neither")]
    [InlineData("\"\"", "neither")]
    [InlineData("\"ten\"", "neither")]
    [InlineData("\" 3\"", "neither")]
    [InlineData("true", "must be a number")]
    [InlineData("[3]", "must be a number")]
    public void Invalid_specs_are_errors_at_the_field(string spec, string message)
    {
        Assert.False(ErrorBudget.TryParse(Json(spec), "budgets.gateFailures", out _, out var error));
        Assert.Equal("budgets.gateFailures", error!.Field);
        Assert.Contains(message, error.Message);
        var thrown = Assert.Throws<RequestValidationException>(() => ErrorBudget.Parse(Json(spec), "budgets.gateFailures"));
        Assert.Equal("budgets.gateFailures", Assert.Single(thrown.Errors).Field);
    }

    [Theory]
    [InlineData("3", "3", false)]
    [InlineData("\"3\"", "3", false)]
    [InlineData("\"10%\"", "10%", true)]
    [InlineData("\"0%\"", "0%", true)]
    public void Parsed_form_is_kept(string spec, string text, bool percent)
    {
        var budget = Parse(spec);
        Assert.Equal(text, budget.ToString());
        Assert.Equal(percent, budget.IsPercent);
    }

    [Fact]
    public void Factories_reject_out_of_range_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorBudget.Count(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorBudget.Percent(101));
        Assert.Equal(ErrorBudget.Count(2), Parse("\"2\""));
    }
}
