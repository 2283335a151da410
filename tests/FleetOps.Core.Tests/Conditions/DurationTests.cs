using FleetOps.Core.Results;
using static FleetOps.Core.Tests.Conditions.ConditionKit;

namespace FleetOps.Core.Tests.Conditions;

public sealed class DurationTests
{
    private static readonly TimeSpan H48 = TimeSpan.FromHours(48);

    [Theory]
    [InlineData(47 * 60 + 59, false, "1d23h59m")]
    [InlineData(48 * 60, false, "2d")]
    [InlineData(48 * 60 + 1, true, "2d1m")]
    public void Certificate_expiration_greater_than_48h(int minutes, bool ok, string actual)
    {
        var r = Eval("[CERTIFICATE_EXPIRATION] > 48h", Cert(TimeSpan.FromMinutes(minutes)));
        Assert.Equal(ok, r.Ok);
        Assert.Equal(actual, r.Actual);
    }

    [Theory]
    [InlineData("48h")]
    [InlineData("2d")]
    [InlineData("1d24h")]
    [InlineData("2880m")]
    [InlineData("47h60m")]
    [InlineData("172800s")]
    [InlineData("172800000ms")]
    [InlineData("172800000")] // a bare number counts milliseconds, as in Gatus
    [InlineData("1.5d12h")]
    [InlineData("0.5h47h30m")]
    [InlineData("\"48h\"")]
    public void Units_mix_and_agree(string literal)
    {
        var exactly48h = Cert(H48);
        True($"[CERTIFICATE_EXPIRATION] == {literal}", exactly48h);
        True($"[CERTIFICATE_EXPIRATION] >= {literal}", exactly48h);
        False($"[CERTIFICATE_EXPIRATION] > {literal}", exactly48h);
        True($"[CERTIFICATE_EXPIRATION] > {literal}", Cert(H48 + TimeSpan.FromMilliseconds(1)));
        True($"[CERTIFICATE_EXPIRATION] < {literal}", Cert(H48 - TimeSpan.FromMilliseconds(1)));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1500L, "1s500ms")]
    [InlineData(90L * 60 * 1000, "1h30m")]
    [InlineData((2 * 24 + 3) * 3600 * 1000L, "2d3h")]
    [InlineData(-3L * 3600 * 1000, "-3h")]
    [InlineData(400L * 24 * 3600 * 1000 + 1, "400d1ms")]
    public void Actual_is_a_compact_duration(long milliseconds, string actual) =>
        Assert.Equal(actual, Eval("[CERTIFICATE_EXPIRATION] > 0", Cert(TimeSpan.FromMilliseconds(milliseconds))).Actual);

    [Fact]
    public void Expired_certificates_are_negative()
    {
        False("[CERTIFICATE_EXPIRATION] > 0", Cert(TimeSpan.FromHours(-1)), "-1h");
        True("[CERTIFICATE_EXPIRATION] < -30m", Cert(TimeSpan.FromHours(-1)));
    }

    [Theory]
    [InlineData("[RESPONSE_TIME] < 2s", true)]
    [InlineData("[RESPONSE_TIME] < 1s", false)]
    [InlineData("[RESPONSE_TIME] > 1240ms", true)]
    [InlineData("[RESPONSE_TIME] > 1241ms", false)]
    [InlineData("[RESPONSE_TIME] <= 1s240.5ms", true)]
    [InlineData("[RESPONSE_TIME] < 1s240.5ms", false)]
    public void Response_time_compares_with_durations_in_milliseconds(string condition, bool ok) =>
        Assert.Equal(ok, Eval(condition, Http(ms: 1240.5)).Ok);

    [Fact]
    public void Json_numbers_compare_with_durations_as_milliseconds()
    {
        True("[BODY].uptimeMs > 1h", Json("""{"uptimeMs": 3600001}"""));
        False("[BODY].uptimeMs > 1h", Json("""{"uptimeMs": 3600000}"""));
        True("[BODY].uptimeMs == 1h", Json("""{"uptimeMs": 3600000}"""));
        True("[BODY].uptimeMs == any(1s, 1h)", Json("""{"uptimeMs": 3600000}"""));
    }
}
