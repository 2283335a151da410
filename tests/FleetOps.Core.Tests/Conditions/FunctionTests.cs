using FleetOps.Core.Results;
using static FleetOps.Core.Tests.Conditions.ConditionKit;

namespace FleetOps.Core.Tests.Conditions;

public sealed class FunctionTests
{
    private static readonly ProbeFacts Doc = Json("""
        { "status": "UP", "name": "john.doe", "n": 1, "flag": true, "nothing": null,
          "data": { "items": [1, 2, 3], "more": "x" }, "empty": [], "obj": {} }
        """) with
    {
        Headers = new Dictionary<string, string> { ["X-Id"] = "abcd" },
        DnsAnswers = ["10.0.0.1", "10.0.0.2"],
    };

    [Theory]
    [InlineData("len([BODY].data.items) == 3", "3")]
    [InlineData("len([BODY].data.items) > 0", "3")]
    [InlineData("len([BODY].empty) == 0", "0")]
    [InlineData("len([BODY].name) == 8", "8")]
    [InlineData("len([BODY].obj) == 0", "0")]
    [InlineData("len([BODY].data) == 2", "2")]
    [InlineData("len([DNS_ANSWERS]) == 2", "2")]
    [InlineData("len([HEADERS].X-Id) == 4", "4")]
    [InlineData("len([IP]) >= 7", "8")]
    public void Len(string condition, string actual) => True(condition, Doc, actual);

    [Fact]
    public void Len_of_the_whole_body_counts_characters()
    {
        True("len([BODY]) == 5", Http(body: "hello"), "5");
        True("len([BODY]) == 0", Http(body: ""), "0");
        False("len([BODY]) > 0", Http(body: null), "(no body)");
    }

    [Theory]
    [InlineData("len([BODY].n) > 0", "(len() needs text, a list or a JSON array or object; [BODY].n is the number 1)")]
    [InlineData("len([BODY].flag) > 0", "(len() needs text, a list or a JSON array or object; [BODY].flag is the boolean true)")]
    [InlineData("len([BODY].nothing) == 0", "(len() needs text, a list or a JSON array or object; [BODY].nothing is null)")]
    [InlineData("len([BODY].missing) == 0", "(path missing not found)")]
    [InlineData("len([HEADERS].X-Other) == 0", "(no header X-Other)")]
    public void Len_of_what_has_no_length_fails(string condition, string actual) => False(condition, Doc, actual);

    [Theory]
    [InlineData("has([BODY].status) == true", true, "true")]
    [InlineData("has([BODY].data.items[2]) == true", true, "true")]
    [InlineData("has([BODY].data.items[3]) == true", false, "false")]
    [InlineData("has([BODY].errors) == false", true, "false")]
    [InlineData("has([BODY].nothing) == true", false, "false")]
    [InlineData("has([BODY].empty) == true", true, "true")]
    [InlineData("has([BODY]) == true", true, "true")]
    [InlineData("has([HEADERS].x-id) == true", true, "true")]
    [InlineData("has([HEADERS].X-Other) == false", true, "false")]
    [InlineData("has([DNS_ANSWERS]) == true", true, "true")]
    [InlineData("has([STATUS]) != false", true, "true")]
    [InlineData("has([CERTIFICATE_EXPIRATION]) == false", true, "false")]
    public void Has(string condition, bool ok, string actual)
    {
        var r = Eval(condition, Doc);
        Assert.Equal(ok, r.Ok);
        Assert.Equal(actual, r.Actual);
    }

    [Fact]
    public void Has_fails_when_there_is_no_json_to_look_in()
    {
        // "has([BODY].errors) == false" must not pass on an HTML error page.
        False("has([BODY].errors) == false", Http(body: "<html>500</html>"), "(body is not JSON)");
        False("has([BODY].errors) == false", Http(body: null), "(no body)");
        True("has([BODY]) == false", Http(body: null), "false");
        True("has([STATUS]) == false", new ProbeFacts { Connected = true }, "false");
    }

    [Theory]
    [InlineData("[BODY].status == pat(*UP*)", "ALL_UP_NOW", true)]
    [InlineData("[BODY].status == pat(*UP*)", "UP", true)]
    [InlineData("[BODY].status == pat(*UP*)", "DOWN", false)]
    [InlineData("[BODY].status == pat(*UP*)", "up", false)]
    [InlineData("[BODY].status == pat(UP)", "UP", true)]
    [InlineData("[BODY].status == pat(UP)", "UPS", false)]
    [InlineData("[BODY].status == pat(U*)", "UNKNOWN", true)]
    [InlineData("[BODY].status == pat(*)", "", true)]
    [InlineData("[BODY].status == pat(**)", "x", true)]
    [InlineData("[BODY].status == pat(a*b*c)", "aXbYc", true)]
    [InlineData("[BODY].status == pat(a*b*c)", "abc", true)]
    [InlineData("[BODY].status == pat(a*b*c)", "aXc", false)]
    [InlineData("[BODY].status == pat(a*b*c)", "aXbYcZ", false)]
    [InlineData("[BODY].status == pat(*bc)", "abcbc", true)]
    [InlineData("[BODY].status == pat(*bc)", "abcbd", false)]
    [InlineData("[BODY].status == pat(\"*all good*\")", "we are all good here", true)]
    [InlineData("[BODY].status == pat(\"*(ok)*\")", "status (ok)", true)]
    [InlineData("[BODY].status != pat(*DOWN*)", "UP", true)]
    [InlineData("[BODY].status != pat(*DOWN*)", "GOING_DOWN", false)]
    public void Pat(string condition, string status, bool ok) =>
        Assert.Equal(ok, Eval(condition, Json($$"""{"status": "{{status}}"}""")).Ok);

    [Fact]
    public void Pat_on_other_placeholders()
    {
        True("[BODY].name == pat(john*)", Doc);
        False("[BODY].name == pat(john*)", Json("""{"name": "mr john"}"""), "mr john");
        True("[STATUS] == pat(2*)", Http(204), "204");
        False("[STATUS] == pat(2*)", Http(404), "404");
        True("[BODY].n == pat(1)", Doc);
        True("[DNS_RCODE] == pat(no*)", Dns("NOERROR"));        // case-insensitive like == on RCODEs
        True("[DNS_ANSWERS] == pat(10.0.0.*)", Doc);
        False("[DNS_ANSWERS] == pat(192.*)", Doc);
        True("[HEADERS].X-Id == pat(ab*)", Doc);
        True("""[BODY] == pat("*\"status\"*")""", Doc);           // the raw body, quotes and all
        False("[BODY].missing == pat(*)", Doc, "(path missing not found)");
    }

    [Theory]
    [InlineData("[STATUS] == any(200, 201)", 201, true)]
    [InlineData("[STATUS] == any(200, 201)", 200, true)]
    [InlineData("[STATUS] == any(200, 201)", 204, false)]
    [InlineData("[STATUS] == any(200)", 200, true)]
    [InlineData("[STATUS] != any(500, 503)", 200, true)]
    [InlineData("[STATUS] != any(500, 503)", 503, false)]
    public void Any_status(string condition, int status, bool ok) => Assert.Equal(ok, Eval(condition, Http(status)).Ok);

    [Fact]
    public void Any_on_other_placeholders()
    {
        True("[BODY].status == any(DOWN, UP)", Doc);
        True("[BODY].status == any(\"ALL GOOD\", \"a, b\", UP)", Doc);
        False("[BODY].status == any(up, Up)", Doc, "UP");
        True("[BODY].n == any(0, 1.0)", Doc);
        True("[DNS_RCODE] == any(noerror, nxdomain)", Dns("NXDOMAIN"));
        True("[DNS_ANSWERS] == any(1.1.1.1, 10.0.0.2)", Doc);
        False("[DNS_ANSWERS] == any(1.1.1.1, 8.8.8.8)", Doc);
        True("[CONNECTED] == any(true)", Doc);
        True("[CERTIFICATE_EXPIRATION] == any(1d, 2d)", Cert(TimeSpan.FromHours(48)));
    }
}
