using FleetOps.Core.Conditions;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Conditions;

public sealed class ConditionSetTests
{
    [Fact]
    public void Empty()
    {
        Assert.Empty(ConditionSet.Empty.Conditions);
        Assert.Empty(ConditionSet.Empty.Evaluate(new ProbeFacts()));
        Assert.Same(ConditionSet.Empty, ConditionSet.Parse([]));
        Assert.Throws<ArgumentNullException>(() => ConditionSet.Parse(null!));
    }

    [Fact]
    public void One_result_per_condition_in_order()
    {
        string[] conditions = ["[STATUS] == 200", "[BODY].status == UP", "[RESPONSE_TIME] < 300", "[CONNECTED] == true"];
        var set = ConditionSet.Parse(conditions);
        Assert.Equal(conditions, set.Conditions);

        var results = set.Evaluate(new ProbeFacts { Connected = true, Status = 503, Body = """{"status":"UP"}""", ResponseTimeMs = 50 });
        Assert.Equal(
            [
                new ConditionResult("[STATUS] == 200", false, "503"),
                new ConditionResult("[BODY].status == UP", true, "UP"),
                new ConditionResult("[RESPONSE_TIME] < 300", true, "50"),
                new ConditionResult("[CONNECTED] == true", true, "true"),
            ],
            results);
    }

    [Fact]
    public void Parse_once_evaluate_many_in_parallel()
    {
        var set = ConditionSet.Parse(["[STATUS] == 200", "[BODY].id == pat(t*)", "len([BODY].tags) == 2"]);
        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var ok = i % 2 == 0;
            var facts = new ProbeFacts
            {
                Status = ok ? 200 : 500,
                Body = ok ? $$"""{"id":"t{{i}}","tags":[1,2]}""" : $$"""{"id":"x{{i}}","tags":[]}""",
            };
            var results = set.Evaluate(facts);
            if (results.Count != 3 || results.Any(r => r.Ok != ok)) Interlocked.Increment(ref failures);
            if (!ok && results[1].Actual != $"x{i}") Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }
}
