using System.Security.Cryptography.X509Certificates;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>
/// Conditions judged over every attempt's facts: they replace a kind's default rule (HTTP 200; DNS NOERROR with answers),
/// while hard failures (refused, timeout, TLS validation) and rules the check states (expectStatus) still fail it.
/// </summary>
public sealed class ConditionCheckTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());

    public void Dispose() => _prober.Dispose();

    private static HttpCheck Http(params string[] conditions) => new() { Path = "/health", Conditions = [.. conditions] };

    [Fact]
    public async Task Status_condition_makes_a_503_pass()
    {
        await using var server = HttpTestServer.Status(503);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("[STATUS] == 503")));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal(503, result.Status);
        var condition = Assert.Single(result.Conditions!);
        Assert.Equal(new ConditionResult("[STATUS] == 503", true, "503"), condition);
    }

    [Fact]
    public async Task Json_body_condition_passes_on_up()
    {
        await using var server = HttpTestServer.Status(200, """{"status":"UP","checks":{"db":"UP"}}""");

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("[STATUS] == 200", "[BODY].status == UP")));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.All(result.Conditions!, c => Assert.True(c.Ok));
    }

    [Fact]
    public async Task Json_body_condition_fails_naming_the_condition_and_the_actual_value()
    {
        await using var server = HttpTestServer.Status(200, """{"status":"DOWN"}""");

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("[STATUS] == 200", "[BODY].status == UP")));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Condition, result.Error?.Kind);
        Assert.Contains("[BODY].status == UP (actual DOWN)", result.Error!.Message);
        Assert.DoesNotContain("[STATUS] == 200", result.Error.Message);
        Assert.Equal([true, false], result.Conditions!.Select(c => c.Ok));
    }

    [Fact]
    public async Task Response_time_condition_fails_with_the_actual_time()
    {
        await using var server = new HttpTestServer(_ => new Reply(200) { Delay = TimeSpan.FromMilliseconds(50) });

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("[RESPONSE_TIME] < 1")));

        Assert.Equal(ErrorKind.Condition, result.Error?.Kind);
        Assert.Contains("[RESPONSE_TIME] < 1 (actual ", result.Error!.Message);
        var actual = Assert.Single(result.Conditions!).Actual;
        Assert.False(string.IsNullOrEmpty(actual));
    }

    [Fact]
    public async Task Certificate_expiring_in_24h_fails_a_48h_condition_and_passes_a_12h_one()
    {
        using var certificate = TestCertificates.SelfSigned(DateTimeOffset.UtcNow.AddHours(24));
        await using var server = new HttpTestServer(_ => new Reply(200), certificate);
        TlsCheck Tls(string condition) => new() { Insecure = true, Conditions = [condition] };

        var soon = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tls("[CERTIFICATE_EXPIRATION] > 48h")));
        var fine = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tls("[CERTIFICATE_EXPIRATION] > 12h")));

        Assert.Equal(ErrorKind.Condition, soon.Error?.Kind);
        Assert.Contains("[CERTIFICATE_EXPIRATION] > 48h", soon.Error!.Message);
        Assert.True(fine.Ok, fine.Error?.Message);
    }

    [Fact]
    public async Task A_check_that_saw_a_certificate_records_when_it_expires_and_one_that_did_not_records_nothing()
    {
        var notAfter = DateTimeOffset.UtcNow.AddDays(10);
        using var certificate = TestCertificates.SelfSigned(notAfter);
        await using var server = new HttpTestServer(_ => new Reply(200), certificate);

        var tls = await _prober.CheckAsync(ProbeKit.Task(server.Address, new TlsCheck { Insecure = true }));
        var tcp = await _prober.CheckAsync(ProbeKit.Task(server.Address, new TcpCheck()));

        Assert.True(tls.Ok, tls.Error?.Message);
        Assert.InRange(tls.CertificateExpiresAt!.Value, notAfter.AddSeconds(-2), notAfter.AddSeconds(2)); // certificates carry whole seconds
        Assert.Null(tcp.CertificateExpiresAt);
    }

    [Fact]
    public async Task Conditions_do_not_excuse_a_refused_connection()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task($"127.0.0.1:{ProbeFixtures.ClosedPort()}", Http("[CONNECTED] == false")));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Refused, result.Error?.Kind);
        Assert.True(Assert.Single(result.Conditions!).Ok); // judged and shown, but the connection still failed
    }

    [Fact]
    public async Task Conditions_do_not_excuse_an_untrusted_certificate()
    {
        using var certificate = TestCertificates.SelfSigned(DateTimeOffset.UtcNow.AddDays(30));
        await using var server = new HttpTestServer(_ => new Reply(200), certificate);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("[CERTIFICATE_CHAIN_VALID] == false") with { Scheme = "https" }));

        Assert.Equal(ErrorKind.Tls, result.Error?.Kind);
    }

    [Fact]
    public async Task Expect_status_stated_on_the_check_still_applies()
    {
        await using var server = HttpTestServer.Status(503);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("[STATUS] == 503") with { ExpectStatus = [200] }));

        Assert.Equal(ErrorKind.HttpStatus, result.Error?.Kind);
    }

    [Fact]
    public async Task Dns_rcode_condition_makes_nxdomain_pass()
    {
        await using var dns = new TinyDnsServer().Address("www.test", "10.0.0.1");
        var check = new DnsCheck { Name = "gone.test", Resolver = dns.Resolver, Conditions = ["[DNS_RCODE] == NXDOMAIN"] };

        var result = await _prober.CheckAsync(ProbeKit.Task("node", check));

        Assert.True(result.Ok, result.Error?.Message);
    }

    [Fact]
    public async Task Tcp_body_is_judged()
    {
        await using var server = TcpTestServer.Banner("SSH-2.0-OpenSSH_9.6\r\n", thenClose: true);
        var check = new TcpCheck { Expect = "SSH", Conditions = ["[BODY] == pat(*OpenSSH_8*)"] };

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, check));

        Assert.Equal(ErrorKind.Condition, result.Error?.Kind);
        Assert.Contains("OpenSSH_9.6", result.Error!.Message);
    }

    [Fact]
    public async Task Conditions_that_do_not_parse_fail_the_check_without_probing()
    {
        await using var server = HttpTestServer.Status(200);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Http("[STATUS] = 200")), ProbeFixtures.Options(attempts: 3));

        Assert.Equal(ErrorKind.Condition, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("position", result.Error.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_batch_sharing_one_check_judges_every_target()
    {
        await using var up = HttpTestServer.Status(200, """{"status":"UP"}""");
        await using var down = HttpTestServer.Status(200, """{"status":"DOWN"}""");
        var shared = Http("[BODY].status == UP");
        var tasks = Enumerable.Range(0, 20).Select(i => new ProbeTask(new Target($"n{i}", i % 2 == 0 ? up.Address : down.Address), [shared])).ToList();

        var results = await _prober.ProbeAsync(tasks, ProbeFixtures.Options(concurrency: 8), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 2 == 0), results.Select(r => r.Ok));
    }
}
