using FleetOps.Core.Conditions;
using FleetOps.Core.Results;
using static FleetOps.Core.Tests.Conditions.ConditionKit;

namespace FleetOps.Core.Tests.Conditions;

public sealed class CaseAndNullTests
{
    [Fact]
    public void Text_equality_is_exact()
    {
        False("[BODY].status == up", Json("""{"status":"UP"}"""), "UP");
        False("[BODY] == \"ok \"", Http(body: "ok"), "ok");
        False("[HEADERS].X-Mode == ACTIVE", Http(headers: new Dictionary<string, string> { ["x-mode"] = "active" }), "active");
        False("[DNS_ANSWERS] == Example.com.", Dns("NOERROR", "example.com."), "[example.com.]");
    }

    [Fact]
    public void Rcode_and_tls_version_ignore_case_both_ways()
    {
        var facts = new ProbeFacts { DnsRcode = "nxdomain", TlsVersion = "TLS13" };
        True("[DNS_RCODE] == NXDOMAIN", facts, "nxdomain");
        True("[DNS_RCODE] == any(NOERROR, NXDOMAIN)", facts);
        True("[TLS_VERSION] == Tls13", facts, "TLS13");
        False("[TLS_VERSION] != tls13", facts);
    }

    [Fact]
    public void Booleans_accept_any_case() => True("[CONNECTED] == TRUE", new ProbeFacts { Connected = true });

    [Fact]
    public void Placeholders_and_functions_are_case_sensitive()
    {
        Assert.Contains("did you mean [STATUS]?", ParseError("[status] == 200").Message);
        Assert.Contains("did you mean [BODY]?", ParseError("[Body].x == 1").Message);
        Assert.Contains("did you mean len(...)?", ParseError("LEN([BODY]) > 0").Message);
    }

    public static TheoryData<string, string> NullFacts => new()
    {
        { "[STATUS] == 200", "(no status)" },
        { "[STATUS] != 200", "(no status)" },
        { "[STATUS] < 500", "(no status)" },
        { "[BODY] == x", "(no body)" },
        { "[BODY] != x", "(no body)" },
        { "[BODY].status == UP", "(no body)" },
        { "len([BODY]) == 0", "(no body)" },
        { "[HEADERS].Content-Type == x", "(no headers)" },
        { "[CERTIFICATE_EXPIRATION] > 48h", "(no certificate)" },
        { "[CERTIFICATE_CHAIN_VALID] == false", "(no certificate)" },
        { "[CERTIFICATE_HOSTNAME_VALID] != true", "(no certificate)" },
        { "[TLS_VERSION] == Tls13", "(no TLS version)" },
        { "[DNS_RCODE] == NOERROR", "(no DNS rcode)" },
        { "[DNS_ANSWERS] == 10.0.0.1", "(no DNS answers)" },
        { "[DNS_ANSWERS] != 10.0.0.1", "(no DNS answers)" },
        { "len([DNS_ANSWERS]) == 0", "(no DNS answers)" },
        { "[IP] == 10.0.0.1", "(no IP)" },
        { "[STATUS] == any(200, 201)", "(no status)" },
        { "[BODY] == pat(*)", "(no body)" },
    };

    [Theory]
    [MemberData(nameof(NullFacts))]
    public void A_null_fact_makes_the_condition_false(string condition, string actual) =>
        False(condition, new ProbeFacts(), actual);

    [Fact]
    public void Facts_that_are_never_null_still_resolve_on_an_empty_attempt()
    {
        var empty = new ProbeFacts();
        True("[CONNECTED] == false", empty, "false");
        True("[RESPONSE_TIME] == 0", empty, "0");
        True("has([STATUS]) == false", empty, "false");
    }

    [Fact]
    public void Null_facts_object_does_not_throw()
    {
        var results = ConditionSet.Parse(["[STATUS] == 200", "[CONNECTED] == false"]).Evaluate(null!);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal((false, "(no facts)"), (r.Ok, r.Actual)));
    }
}
