using FleetOps.Core.Results;
using static FleetOps.Core.Tests.Conditions.ConditionKit;

namespace FleetOps.Core.Tests.Conditions;

public sealed class PlaceholderTests
{
    [Fact]
    public void Connected()
    {
        True("[CONNECTED] == true", new ProbeFacts { Connected = true }, "true");
        False("[CONNECTED] == true", new ProbeFacts { Connected = false }, "false");
        True("[CONNECTED] == false", new ProbeFacts { Connected = false });
        True("[CONNECTED] != false", new ProbeFacts { Connected = true });
    }

    [Fact]
    public void Status()
    {
        True("[STATUS] == 200", Http(200), "200");
        False("[STATUS] == 200", Http(503), "503");
        True("[STATUS] != 200", Http(503));
        True("[STATUS] >= 500", Http(503));
    }

    [Fact]
    public void ResponseTime_is_milliseconds()
    {
        False("[RESPONSE_TIME] < 300", Http(ms: 1240.5), "1240.5");
        True("[RESPONSE_TIME] < 300", Http(ms: 12.3456), "12.346");
        True("[RESPONSE_TIME] == 0", new ProbeFacts(), "0");
    }

    [Fact]
    public void Body_whole_text()
    {
        True("[BODY] == \"hello world\"", Http(body: "hello world"), "hello world");
        False("[BODY] == hello", Http(body: "hello world"), "hello world");
        True("[BODY] == \"\"", Http(body: ""), "");
    }

    [Fact]
    public void Headers_by_case_insensitive_name()
    {
        var facts = Http(headers: new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Id"] = "abcd" });
        True("[HEADERS].Content-Type == application/json", facts, "application/json");
        True("[HEADERS].content-type == application/json", facts);
        True("[HEADERS].CONTENT-TYPE == application/json", facts);
        False("[HEADERS].Content-Type == Application/JSON", facts, "application/json");
        False("[HEADERS].X-Missing == abcd", facts, "(no header X-Missing)");
    }

    [Fact]
    public void Certificate()
    {
        var facts = Cert(TimeSpan.FromDays(30));
        True("[CERTIFICATE_EXPIRATION] > 48h", facts, "30d");
        True("[CERTIFICATE_CHAIN_VALID] == true", facts, "true");
        True("[CERTIFICATE_HOSTNAME_VALID] == true", facts, "true");

        var bad = facts with { CertificateChainValid = false, CertificateHostnameValid = false, CertificateExpiration = TimeSpan.FromHours(-3) };
        False("[CERTIFICATE_EXPIRATION] > 0", bad, "-3h");
        False("[CERTIFICATE_CHAIN_VALID] == true", bad, "false");
        False("[CERTIFICATE_HOSTNAME_VALID] == true", bad, "false");
        True("[CERTIFICATE_HOSTNAME_VALID] == false", bad);
    }

    [Fact]
    public void TlsVersion_ignores_case()
    {
        var facts = Cert(TimeSpan.FromDays(1));
        True("[TLS_VERSION] == Tls13", facts, "Tls13");
        True("[TLS_VERSION] == TLS13", facts);
        True("[TLS_VERSION] == tls13", facts);
        False("[TLS_VERSION] == Tls12", facts, "Tls13");
        True("[TLS_VERSION] != Tls12", facts);
    }

    [Fact]
    public void DnsRcode_ignores_case()
    {
        True("[DNS_RCODE] == NOERROR", Dns("NOERROR"), "NOERROR");
        True("[DNS_RCODE] == noerror", Dns("NOERROR"));
        False("[DNS_RCODE] == NOERROR", Dns("NXDOMAIN"), "NXDOMAIN");
        False("[DNS_RCODE] != noerror", Dns("NOERROR"));
    }

    [Fact]
    public void DnsAnswers_any_answer_equals()
    {
        var facts = Dns("NOERROR", "10.0.0.1", "10.0.0.2");
        True("[DNS_ANSWERS] == 10.0.0.2", facts, "[10.0.0.1, 10.0.0.2]");
        True("[DNS_ANSWERS] == 10.0.0.1", facts);
        False("[DNS_ANSWERS] == 10.0.0.3", facts, "[10.0.0.1, 10.0.0.2]");
        True("[DNS_ANSWERS] != 10.0.0.3", facts);
        False("[DNS_ANSWERS] != 10.0.0.1", facts);
        False("[DNS_ANSWERS] == 10.0.0.1", Dns("NOERROR"), "[]");
    }

    [Fact]
    public void Ip()
    {
        True("[IP] == 10.0.0.1", Http(), "10.0.0.1");
        False("[IP] == 10.0.0.2", Http(), "10.0.0.1");
        True("[IP] == \"fe80::1%eth0\"", new ProbeFacts { Ip = "fe80::1%eth0" });
        True("[IP] == fe80::1%eth0", new ProbeFacts { Ip = "fe80::1%eth0" });
    }

    [Fact]
    public void GrpcStatus_ignores_case()
    {
        var serving = new ProbeFacts { Connected = true, GrpcStatus = "SERVING" };
        True("[GRPC_STATUS] == SERVING", serving, "SERVING");
        True("[GRPC_STATUS] == serving", serving);
        False("[GRPC_STATUS] == SERVING", new ProbeFacts { GrpcStatus = "NOT_SERVING" }, "NOT_SERVING");
        True("[GRPC_STATUS] == any(NOT_SERVING, SERVICE_UNKNOWN)", new ProbeFacts { GrpcStatus = "SERVICE_UNKNOWN" });
        False("[GRPC_STATUS] == SERVING", new ProbeFacts(), "(no gRPC status)");
        True("has([GRPC_STATUS]) == false", new ProbeFacts());
    }

    [Fact]
    public void PacketLoss_is_a_per_cent()
    {
        var facts = new ProbeFacts { Connected = true, PacketLoss = 100.0 / 3 };
        True("[PACKET_LOSS] < 50", facts, "33.333");
        False("[PACKET_LOSS] == 0", facts, "33.333");
        True("[PACKET_LOSS] == 0", new ProbeFacts { PacketLoss = 0 }, "0");
        False("[PACKET_LOSS] <= 100", new ProbeFacts(), "(no echo sent)");
    }

    [Fact]
    public void Round_trip_times_are_milliseconds()
    {
        var facts = new ProbeFacts { Connected = true, RttMinMs = 0.042, RttAvgMs = 1.5, RttMaxMs = 4, ResponseTimeMs = 1.5 };
        True("[RTT_MIN] < 1", facts, "0.042");
        True("[RTT_AVG] == 1.5", facts, "1.5");
        True("[RTT_AVG] < 2ms", facts);
        True("[RTT_MAX] <= 4ms", facts, "4");
        False("[RTT_MAX] < 1s", new ProbeFacts { PacketLoss = 100 }, "(no echo reply)");
        True("[RESPONSE_TIME] == 1.5", facts);
    }
}
