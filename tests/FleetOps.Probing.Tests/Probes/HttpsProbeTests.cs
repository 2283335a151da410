using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>HTTPS against a self-signed certificate made here (SAN localhost and 127.0.0.1, expiring in 24 h).</summary>
public sealed class HttpsProbeTests : IDisposable
{
    private static readonly TimeSpan Life = TimeSpan.FromHours(24);
    private readonly X509Certificate2 _certificate = TestCertificates.SelfSigned(DateTimeOffset.UtcNow + Life);
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly HttpProbe _probe = new(ProbeKit.Connector());

    public void Dispose()
    {
        _prober.Dispose();
        _certificate.Dispose();
    }

    private static HttpCheck Https(bool insecure = false, string? serverName = null) =>
        new() { Scheme = "https", Path = "/health", Insecure = insecure ? true : null, ServerName = serverName };

    [Fact]
    public async Task Untrusted_certificate_is_a_permanent_tls_error_and_no_request_is_sent()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), _certificate);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Https()), ProbeFixtures.Options(attempts: 3));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Tls, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("not trusted", result.Error.Message);
        Assert.Contains($"https://{server.Address}/health", result.Error.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Rejected_certificate_still_reports_its_facts()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), _certificate);

        var outcome = await _probe.AttemptAsync(server.Address, Https());

        Assert.Equal(ErrorKind.Tls, outcome.Error?.Kind);
        Assert.False(outcome.Facts.CertificateChainValid);
        Assert.True(outcome.Facts.CertificateHostnameValid);
        ProbeKit.AssertExpiresIn(Life, outcome.Facts.CertificateExpiration);
        Assert.Equal("127.0.0.1", outcome.Facts.Ip);
        Assert.Null(outcome.Facts.Status);
    }

    [Fact]
    public async Task Insecure_accepts_the_certificate_and_reports_its_facts()
    {
        await using var server = new HttpTestServer(_ => new Reply(200, "ok"), _certificate);

        var outcome = await _probe.AttemptAsync(server.Address, Https(insecure: true));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        var facts = outcome.Facts;
        Assert.Equal(200, facts.Status);
        Assert.Equal("ok", facts.Body);
        Assert.False(facts.CertificateChainValid);
        Assert.True(facts.CertificateHostnameValid);
        ProbeKit.AssertExpiresIn(Life, facts.CertificateExpiration);
        Assert.Matches(@"^TLSv1\.[23]$", facts.TlsVersion);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Certificate_for_another_name_is_a_hostname_mismatch()
    {
        using var other = TestCertificates.SelfSigned(DateTimeOffset.UtcNow + Life, ["other.example"], []);
        await using var server = new HttpTestServer(_ => new Reply(200), other);

        var strict = await _probe.AttemptAsync(server.Address, Https());
        var insecure = await _probe.AttemptAsync(server.Address, Https(insecure: true));

        Assert.Equal(ErrorKind.Tls, strict.Error?.Kind);
        Assert.Contains("does not match host '127.0.0.1'", strict.Error!.Message);
        Assert.True(insecure.Ok, insecure.Error?.Message);
        Assert.False(insecure.Facts.CertificateHostnameValid);
        Assert.False(insecure.Facts.CertificateChainValid);
    }

    [Fact]
    public async Task Server_name_is_the_name_checked_and_the_virtual_host_asked_for()
    {
        using var named = TestCertificates.SelfSigned(DateTimeOffset.UtcNow + Life, ["api.test"], []);
        await using var server = new HttpTestServer(_ => new Reply(200), named);

        var right = await _probe.AttemptAsync(server.Address, Https(insecure: true, serverName: "api.test"));
        var wrong = await _probe.AttemptAsync(server.Address, Https(serverName: "web.test"));

        Assert.True(right.Facts.CertificateHostnameValid);
        Assert.Equal($"api.test:{server.Port}", server.Received.First().Header("Host"));
        Assert.Equal(ErrorKind.Tls, wrong.Error?.Kind);
        Assert.Contains("'web.test'", wrong.Error!.Message);
        Assert.False(wrong.Facts.CertificateHostnameValid);
    }

    [Fact]
    public async Task Tls_version_is_the_negotiated_one()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), _certificate, protocols: SslProtocols.Tls12);

        var outcome = await _probe.AttemptAsync(server.Address, Https(insecure: true));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal("TLSv1.2", outcome.Facts.TlsVersion);
    }

    [Fact]
    public async Task Plain_http_has_no_certificate_facts_even_after_https_in_the_same_prober()
    {
        await using var tls = new HttpTestServer(_ => new Reply(200), _certificate);
        await using var plain = new HttpTestServer(_ => new Reply(200));
        await _probe.AttemptAsync(tls.Address, Https(insecure: true));

        var outcome = await _probe.AttemptAsync(plain.Address, new HttpCheck());

        Assert.Null(outcome.Facts.TlsVersion);
        Assert.Null(outcome.Facts.CertificateChainValid);
    }

    [Fact]
    public async Task Concurrent_probes_each_get_their_own_certificate_facts()
    {
        // Two servers with different certificates probed at once, many times: facts keyed wrongly would cross over.
        using var shortLived = TestCertificates.SelfSigned(DateTimeOffset.UtcNow + TimeSpan.FromHours(2));
        await using var a = new HttpTestServer(_ => new Reply(200), _certificate);
        await using var b = new HttpTestServer(_ => new Reply(200), shortLived);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _probe.AttemptAsync(i % 2 == 0 ? a.Address : b.Address, Https(insecure: true))));

        for (var i = 0; i < outcomes.Length; i++)
            ProbeKit.AssertExpiresIn(i % 2 == 0 ? Life : TimeSpan.FromHours(2), outcomes[i].Facts.CertificateExpiration);
    }
}
