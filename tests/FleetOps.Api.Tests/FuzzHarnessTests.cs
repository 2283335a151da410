using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Testing.Fuzz;

namespace FleetOps.Api.Tests;

/// <summary>The fuzz tests' own rules and runner can fail: each broken promise is caught, and a failure names its seed and case.</summary>
public sealed class FuzzHarnessTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private const string Problem = """{"type":"t","title":"bad","status":400,"detail":"d","errors":[{"field":"body","message":"m"}]}""";

    [Fact]
    public void A_bounded_problem_naming_a_field_and_a_2xx_pass()
    {
        EdgeRules.CheckResponse(400, Problems.ContentType, Utf8(Problem));
        EdgeRules.CheckResponse(202, "application/json", Utf8("""{"id":"x"}"""));
        EdgeRules.CheckResponse(409, Problems.ContentType, Utf8("""{"type":"t","title":"busy","status":409,"detail":"d"}"""));
    }

    public static TheoryData<int, string?, string> Broken => new()
    {
        { 500, Problems.ContentType, Problem.Replace("400", "500", StringComparison.Ordinal) },
        { 400, "application/json", Problem },
        { 400, Problems.ContentType, "" },
        { 400, Problems.ContentType, "not json" },
        { 400, Problems.ContentType, Problem.Replace("\"status\":400", "\"status\":404", StringComparison.Ordinal) },
        { 400, Problems.ContentType, """{"type":"t","title":"bad","status":400,"detail":"d"}""" },
        { 415, Problems.ContentType, """{"type":"t","title":"bad","status":415,"detail":"d","errors":[{"field":"","message":"m"}]}""" },
        { 400, Problems.ContentType, Problem.Replace("\"detail\":\"d\"", $"\"detail\":\"{new string('x', EdgeRules.MaxProblemBytes)}\"", StringComparison.Ordinal) },
        { 302, "text/html", "moved" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_promise_is_caught(int status, string? mediaType, string body) =>
        Assert.Throws<EdgeRuleException>(() => EdgeRules.CheckResponse(status, mediaType, Utf8(body)));

    [Fact]
    public void A_validator_that_echoes_at_length_or_names_no_field_is_caught()
    {
        Assert.Throws<EdgeRuleException>(() => EdgeRules.CheckErrors([new ValidationError("kind", new string('x', EdgeRules.MaxMessageChars + 1))]));
        Assert.Throws<EdgeRuleException>(() => EdgeRules.CheckErrors([new ValidationError("", "unknown field")]));
        Assert.Throws<EdgeRuleException>(() => EdgeRules.CheckErrors([]));
    }

    [Fact]
    public void A_failing_case_names_the_seed_and_the_case_and_the_same_seed_makes_the_same_cases()
    {
        var failure = Assert.Throws<FuzzFailure>(() => FuzzRunner.Run("harness-check", 5, r => r.Next(1000), _ => throw new InvalidOperationException("broken"),
            n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(FuzzRunner.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        Assert.Contains("case", failure.Message, StringComparison.Ordinal);

        var first = Enumerable.Range(0, 20).Select(i => FuzzRunner.Generate(r => BodyFuzz.Json(r, RequestCorpus.Rollouts, FuzzLimits.InProcess, "rollout").Text, 42, i)).ToList();
        var again = Enumerable.Range(0, 20).Select(i => FuzzRunner.Generate(r => BodyFuzz.Json(r, RequestCorpus.Rollouts, FuzzLimits.InProcess, "rollout").Text, 42, i)).ToList();
        Assert.Equal(first, again);
        Assert.True(first.Distinct().Count() > 10, "the cases of a seed differ from each other");
    }
}
