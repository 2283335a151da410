using FleetOps.Core.Conditions;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Conditions;

/// <summary>Conditions as the Gatus README writes them parse unchanged and judge a healthy and an unhealthy attempt.</summary>
public sealed class GatusSampleTests
{
    private static readonly ProbeFacts Healthy = new()
    {
        Connected = true,
        Status = 200,
        ResponseTimeMs = 120,
        Ip = "127.0.0.1",
        Body = """{"status":"UP","data":[{"id":1}],"name":"john.doe","user":{"name":"john"},"errors":null}""",
        CertificateExpiration = TimeSpan.FromDays(90),
        DnsRcode = "NOERROR",
    };

    private static readonly ProbeFacts Unhealthy = new()
    {
        Connected = false,
        Status = 503,
        ResponseTimeMs = 1240.5,
        Ip = "10.0.0.9",
        Body = """{"status":"DOWN","data":[],"name":"jane","user":{"name":"jane"},"errors":["db"]}""",
        CertificateExpiration = TimeSpan.FromHours(24),
        DnsRcode = "SERVFAIL",
    };

    public static TheoryData<string, string> Samples => new()
    {
        { "[STATUS] == 200", "503" },
        { "[BODY].status == UP", "DOWN" },
        { "[RESPONSE_TIME] < 300", "1240.5" },
        { "len([BODY].data) > 0", "0" },
        { "[CERTIFICATE_EXPIRATION] > 48h", "1d" },
        { "[DNS_RCODE] == NOERROR", "SERVFAIL" },
        { "[BODY].name == pat(john*)", "jane" },
        { "[STATUS] == any(200, 201)", "503" },
        { "[CONNECTED] == true", "false" },
        { "[STATUS] < 300", "503" },
        { "[STATUS] == pat(2*)", "503" },
        { "[BODY].user.name == john", "jane" },
        { "[BODY].data[0].id == 1", "(path data[0].id not found)" },
        { "len([BODY].name) == 8", "4" },
        { "has([BODY].errors) == false", "true" },
        { "[IP] == 127.0.0.1", "10.0.0.9" },
        { "[CERTIFICATE_EXPIRATION] > 720h", "1d" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Healthy_passes_and_unhealthy_fails_with_what_it_saw(string condition, string unhealthyActual)
    {
        var set = ConditionSet.Parse([condition]);

        var good = Assert.Single(set.Evaluate(Healthy));
        Assert.True(good.Ok, $"{condition}: {good.Actual}");

        var bad = Assert.Single(set.Evaluate(Unhealthy));
        Assert.False(bad.Ok, condition);
        Assert.Equal(unhealthyActual, bad.Actual);
    }

    [Fact]
    public void A_whole_gatus_endpoint_block()
    {
        var set = ConditionSet.Parse(Samples.Select(row => (string)row[0]).ToList());
        Assert.All(set.Evaluate(Healthy), r => Assert.True(r.Ok, r.Condition));
        Assert.All(set.Evaluate(Unhealthy), r => Assert.False(r.Ok, r.Condition));
    }
}
