using System.Text;
using System.Text.RegularExpressions;
using FleetOps.Core.Conditions;
using FleetOps.Core.Results;
using Xunit.Abstractions;

namespace FleetOps.Core.Tests.Conditions;

/// <summary>
/// pat() and the other operators cost time linear in the body: a hostile 64 KiB body and the longest conditions a
/// request may hold (32 of 1024 characters) cost milliseconds of CPU per attempt, measured on this thread.
/// </summary>
public sealed class PatternCostTests(ITestOutputHelper output)
{
    private const int MaxConditions = 32, MaxConditionLength = 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(300);
    private static readonly string Body = new('a', ProbeFacts.MaxBodyChars);

    /// <summary>Conditions as long as a request allows: <c>[BODY] == pat(*a*a*a…*b)</c>.</summary>
    private static string Repeated(string head, string unit, string tail)
    {
        var sb = new StringBuilder(head);
        while (sb.Length + unit.Length + tail.Length <= MaxConditionLength) sb.Append(unit);
        return sb.Append(tail).ToString();
    }

    public static TheoryData<string, string> Adversarial() => new()
    {
        { "stars then a missing b", Repeated("[BODY] == pat(", "*a", "*b)") },
        { "stars with a long piece", Repeated("[BODY] == pat(*", "a", "b*)") },
        { "alternating pieces", Repeated("[BODY] == pat(", "*aaaaaaab", "*)") },
        { "not-equal", Repeated("[BODY] != pat(", "*a", "*b)") },
        { "prefix and suffix", Repeated("[BODY] == pat(a", "*a", "*ab)") },
        { "headers ignoring case", Repeated("[TLS_VERSION] == pat(", "*A", "*B)") },
    };

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Hostile_patterns_against_a_64_KiB_body_cost_linear_time(string name, string condition)
    {
        Assert.True(condition.Length <= MaxConditionLength);
        var set = ConditionSet.Parse(Enumerable.Repeat(condition, MaxConditions).ToList());
        var facts = new ProbeFacts { Connected = true, Status = 200, Body = Body, TlsVersion = Body };
        set.Evaluate(new ProbeFacts { Body = "a", TlsVersion = "a" }); // JIT first: the bound is on matching

        IReadOnlyList<ConditionResult> results = [];
        var cpu = ThreadCpu.Of(() => results = set.Evaluate(facts));
        output.WriteLine($"{name}: {MaxConditions} × {condition.Length} chars against {Body.Length} chars: {cpu.TotalMilliseconds:F1} ms CPU");

        Assert.Equal(MaxConditions, results.Count);
        Assert.All(results, r => Assert.Equal(condition.Contains("!=", StringComparison.Ordinal), r.Ok));
        Assert.True(cpu < Bound, $"{name}: {cpu.TotalMilliseconds:F0} ms of CPU");
    }

    [Fact]
    public void Patterns_that_match_a_hostile_body_still_match_in_linear_time()
    {
        var body = new StringBuilder(Body.Length);
        while (body.Length < Body.Length - 1) body.Append('a');
        var facts = new ProbeFacts { Body = body.Append('b').ToString() };
        var condition = Repeated("[BODY] == pat(", "*a", "*b)");
        var set = ConditionSet.Parse(Enumerable.Repeat(condition, MaxConditions).ToList());

        IReadOnlyList<ConditionResult> results = [];
        var cpu = ThreadCpu.Of(() => results = set.Evaluate(facts));

        Assert.All(results, r => Assert.True(r.Ok));
        Assert.True(cpu < Bound, $"{cpu.TotalMilliseconds:F0} ms of CPU");
    }

    [Fact]
    public void Other_operators_on_a_large_body_cost_linear_time()
    {
        // 64 KiB of JSON: a long array, deep nesting (JSON's depth limit is 64) and many keys.
        var json = new StringBuilder("{\"items\":[");
        for (var i = 0; json.Length < 40_000; i++) json.Append(i > 0 ? "," : "").Append("{\"k\":[1,2,3],\"v\":\"x\"}");
        json.Append("],\"deep\":").Append(string.Concat(Enumerable.Repeat("{\"d\":", 60))).Append("\"bottom\"").Append('}', 60);
        for (var i = 0; json.Length < ProbeFacts.MaxBodyChars - 20; i++) json.Append($",\"key{i}\":{i}");
        var body = json.Append('}').ToString();
        var deepPath = "[BODY].deep" + string.Concat(Enumerable.Repeat(".d", 60));
        string[] conditions =
        [
            "len([BODY].items) > 0",
            "len([BODY]) > 0",
            "[BODY].items[999].v == x",
            "[BODY].items[999].k[2] == 3",
            deepPath + " == bottom",
            deepPath + " == pat(*ott*)",
            "[BODY].key1000 == any(" + string.Join(",", Enumerable.Range(0, 150)) + ")",
            "[BODY].items == pat(*y*)",
            "has([BODY].nothere) == false",
            "[BODY] == pat(*key9999*)",
        ];
        var set = ConditionSet.Parse([.. Enumerable.Range(0, MaxConditions).Select(i => conditions[i % conditions.Length])]);
        set.Evaluate(new ProbeFacts { Body = "{}" });

        IReadOnlyList<ConditionResult> results = [];
        var cpu = ThreadCpu.Of(() => results = set.Evaluate(new ProbeFacts { Body = body }));
        output.WriteLine($"{MaxConditions} conditions over {body.Length} chars of JSON: {cpu.TotalMilliseconds:F1} ms CPU");

        Assert.True(results[0].Ok, results[0].Actual);
        Assert.True(results[2].Ok, results[2].Actual);
        Assert.True(results[3].Ok, results[3].Actual);
        Assert.True(results[4].Ok, results[4].Actual);
        Assert.True(results[5].Ok, results[5].Actual);
        Assert.False(results[6].Ok);
        Assert.False(results[7].Ok);
        Assert.True(cpu < Bound, $"{cpu.TotalMilliseconds:F0} ms of CPU");
    }

    [Theory]
    [InlineData("/(a+)+b/")]
    [InlineData("/^(a|aa)+$/")]
    [InlineData("/(.*a){20}!/")]
    public void A_tcp_expect_regex_that_would_backtrack_matches_in_linear_time(string expect)
    {
        // The other regular expression a request brings. Patterns that take a backtracking engine exponential time
        // (they used to run into ExpectMatcher's match timeout) take one linear pass on the non-backtracking engine.
        var matcher = FleetOps.Core.Checks.ExpectMatcher.Create(expect);
        var received = Body + "!x";
        matcher.IsMatch("a!x"); // JIT first: the bound is on matching

        var cpu = ThreadCpu.Of(() => matcher.IsMatch(received));

        Assert.True(cpu < FleetOps.Core.Checks.ExpectMatcher.MatchTimeout / 2, $"{expect}: {cpu.TotalMilliseconds:F0} ms of CPU");
    }

    [Fact]
    public void Matches_as_a_reference_matcher_does()
    {
        var random = new Random(20261130);
        for (var n = 0; n < 20_000; n++)
        {
            var pattern = RandomText(random, "ab*", random.Next(0, 9));
            var text = RandomText(random, "abAB", random.Next(0, 12));
            foreach (var ignoreCase in new[] { false, true })
            {
                var expected = Reference(pattern, text, ignoreCase);
                Assert.True(expected == new Glob(pattern).IsMatch(text, ignoreCase), $"pat({pattern}) on '{text}' ignoreCase={ignoreCase}: expected {expected}");
            }
        }
    }

    private static string RandomText(Random random, string alphabet, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);

    private static bool Reference(string pattern, string text, bool ignoreCase) =>
        Regex.IsMatch(text, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
}
