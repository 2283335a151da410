using static FleetOps.Core.Tests.Conditions.ConditionKit;

namespace FleetOps.Core.Tests.Conditions;

public sealed class OperatorTests
{
    [Theory]
    [InlineData("<", 299.9, true)]
    [InlineData("<", 300, false)]
    [InlineData("<", 300.1, false)]
    [InlineData("<=", 299.9, true)]
    [InlineData("<=", 300, true)]
    [InlineData("<=", 300.1, false)]
    [InlineData(">", 299.9, false)]
    [InlineData(">", 300, false)]
    [InlineData(">", 300.1, true)]
    [InlineData(">=", 299.9, false)]
    [InlineData(">=", 300, true)]
    [InlineData(">=", 300.1, true)]
    [InlineData("==", 299.9, false)]
    [InlineData("==", 300, true)]
    [InlineData("==", 300.1, false)]
    [InlineData("!=", 299.9, true)]
    [InlineData("!=", 300, false)]
    [InlineData("!=", 300.1, true)]
    public void ResponseTime_at_the_boundary(string op, double ms, bool expected)
    {
        var r = Eval($"[RESPONSE_TIME] {op} 300", Http(ms: ms));
        Assert.Equal(expected, r.Ok);
        Assert.Equal(ms.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Actual);
    }

    [Theory]
    [InlineData("<", 199, true)]
    [InlineData("<", 200, false)]
    [InlineData("<=", 200, true)]
    [InlineData("<=", 201, false)]
    [InlineData(">", 200, false)]
    [InlineData(">", 201, true)]
    [InlineData(">=", 199, false)]
    [InlineData(">=", 200, true)]
    [InlineData("==", 200, true)]
    [InlineData("==", 201, false)]
    [InlineData("!=", 200, false)]
    [InlineData("!=", 199, true)]
    public void Status_at_the_boundary(string op, int status, bool expected) =>
        Assert.Equal(expected, Eval($"[STATUS] {op} 200", Http(status)).Ok);

    [Theory]
    [InlineData("[RESPONSE_TIME] < 300.5", 300.4, true)]
    [InlineData("[RESPONSE_TIME] < 300.5", 300.5, false)]
    [InlineData("[RESPONSE_TIME] > -1", 0, true)]
    [InlineData("[RESPONSE_TIME] >= +0", 0, true)]
    [InlineData("[STATUS] == 200.0", 100, false)]
    public void Decimal_and_signed_literals(string condition, double ms, bool expected) =>
        Assert.Equal(expected, Eval(condition, Http(status: 100, ms: ms)).Ok);

    [Fact]
    public void Decimal_literal_equals_an_integer_status() => True("[STATUS] == 200.0", Http(200));

    [Theory]
    [InlineData("[STATUS]==200")]
    [InlineData("   [STATUS]   ==   200   ")]
    [InlineData("\t[STATUS]\t==\t200")]
    [InlineData("[STATUS]<=200")]
    [InlineData("len([BODY])>0")]
    [InlineData("len( [BODY] )>0")]
    [InlineData("[STATUS]==any(200,201)")]
    [InlineData("[STATUS] == any( 200 , 201 )")]
    [InlineData("[BODY]==pat(*ok*)")]
    public void Whitespace_around_tokens_is_optional(string condition) =>
        True(condition, Http(200, body: "all ok"));

    [Fact]
    public void Negative_numbers_in_json() =>
        True("[BODY].t > -5.5", Json("""{"t": -5}"""), "-5");
}
