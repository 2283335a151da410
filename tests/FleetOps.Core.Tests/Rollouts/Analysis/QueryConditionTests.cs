using FleetOps.Core.Rollouts.Analysis;

namespace FleetOps.Core.Tests.Rollouts.Analysis;

public sealed class QueryConditionTests
{
    [Theory]
    [InlineData("< 0.5", 0.4, true)]
    [InlineData("< 0.5", 0.5, false)]
    [InlineData("<=0.5", 0.5, true)]
    [InlineData(" > 99 ", 99.5, true)]
    [InlineData(">= 1e3", 999, false)]
    [InlineData("== 0", 0, true)]
    [InlineData("!= 0", 0, false)]
    [InlineData("< -1.5", -2, true)]
    public void Operators_compare_the_value_with_the_threshold(string condition, double value, bool met) =>
        Assert.Equal(met, QueryCondition.Parse(condition).IsMetBy(value));

    [Theory]
    [InlineData(null, "must start with")]
    [InlineData("", "must start with")]
    [InlineData("0.5", "must start with")]
    [InlineData("=< 0.5", "must start with")]
    [InlineData("< ", "is not a finite number")]
    [InlineData("< abc", "is not a finite number")]
    [InlineData("< NaN", "is not a finite number")]
    [InlineData("> Infinity", "is not a finite number")]
    [InlineData("< 0.5 or 1", "is not a finite number")]
    public void A_bad_condition_says_why(string? text, string problem)
    {
        Assert.Null(QueryCondition.TryParse(text, out var why));
        Assert.Contains(problem, why);
    }

    [Fact]
    public void Every_sample_must_meet_the_condition_and_no_data_or_NaN_is_inconclusive()
    {
        var c = QueryCondition.Parse("< 0.5");
        Assert.Equal(QueryVerdict.Pass, c.Judge([0.1, 0.2]).Verdict);
        var (verdict, detail) = c.Judge([0.1, 3, 4]);
        Assert.Equal(QueryVerdict.Fail, verdict);
        Assert.Equal("3 is not < 0.5 (2 of 3 samples)", detail);
        Assert.Equal((QueryVerdict.Inconclusive, "no data (empty result)"), c.Judge([]));
        Assert.Equal((QueryVerdict.Inconclusive, "the value is NaN"), c.Judge([0.1, double.NaN]));
        Assert.Equal(QueryVerdict.Inconclusive, c.Judge([double.PositiveInfinity]).Verdict);
    }
}
