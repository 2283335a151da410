using FleetOps.Core.Conditions;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Conditions;

/// <summary>Shorthands: evaluate one condition against facts built in the test.</summary>
internal static class ConditionKit
{
    public static ConditionResult Eval(string condition, ProbeFacts facts)
    {
        var results = ConditionSet.Parse([condition]).Evaluate(facts);
        var result = Assert.Single(results);
        Assert.Equal(condition, result.Condition);
        return result;
    }

    public static void True(string condition, ProbeFacts facts, string? actual = null)
    {
        var r = Eval(condition, facts);
        Assert.True(r.Ok, $"expected '{condition}' to hold; actual {r.Actual}");
        if (actual is not null) Assert.Equal(actual, r.Actual);
    }

    public static void False(string condition, ProbeFacts facts, string? actual = null)
    {
        var r = Eval(condition, facts);
        Assert.False(r.Ok, $"expected '{condition}' not to hold; actual {r.Actual}");
        if (actual is not null) Assert.Equal(actual, r.Actual);
    }

    public static ConditionParseException ParseError(string? condition) =>
        Assert.Throws<ConditionParseException>(() => ConditionSet.Parse([condition!]));

    public static ProbeFacts Http(int status = 200, string? body = null, double ms = 100, IReadOnlyDictionary<string, string>? headers = null) =>
        new() { Connected = true, Status = status, Body = body, ResponseTimeMs = ms, Headers = headers, Ip = "10.0.0.1" };

    public static ProbeFacts Json(string body) => Http(body: body);

    public static ProbeFacts Cert(TimeSpan expiresIn) =>
        new() { Connected = true, CertificateExpiration = expiresIn, CertificateChainValid = true, CertificateHostnameValid = true, TlsVersion = "Tls13" };

    public static ProbeFacts Dns(string rcode, params string[] answers) =>
        new() { Connected = true, DnsRcode = rcode, DnsAnswers = answers };
}
