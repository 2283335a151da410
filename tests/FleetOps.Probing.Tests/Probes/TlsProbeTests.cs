using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>The tls check kind: a handshake and the certificate's facts, against a tiny TLS server with a certificate made here.</summary>
public sealed class TlsProbeTests : IDisposable
{
    private static readonly TimeSpan Life = TimeSpan.FromHours(24);
    private readonly X509Certificate2 _certificate = TestCertificates.SelfSigned(DateTimeOffset.UtcNow + Life);
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly TlsProbe _probe = new(ProbeKit.Connector());

    public void Dispose()
    {
        _prober.Dispose();
        _certificate.Dispose();
    }

    private static TlsCheck Tls(int? port = null, bool insecure = false, string? serverName = null) =>
        new() { Port = port, Insecure = insecure ? true : null, ServerName = serverName };

    [Fact]
    public async Task Untrusted_chain_fails_with_a_permanent_tls_error_and_its_facts()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), _certificate);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tls()), ProbeFixtures.Options(attempts: 3));
        var outcome = await _probe.AttemptAsync(server.Address, Tls());

        Assert.Equal(ErrorKind.Tls, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("not trusted", result.Error.Message);
        Assert.Equal($"tls", result.Check);
        Assert.True(outcome.Facts.Connected);
        Assert.False(outcome.Facts.CertificateChainValid);
        Assert.True(outcome.Facts.CertificateHostnameValid);
        ProbeKit.AssertExpiresIn(Life, outcome.Facts.CertificateExpiration);
        Assert.Equal("127.0.0.1", outcome.Facts.Ip);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Insecure_passes_and_still_reports_what_is_wrong()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), _certificate);

        var outcome = await _probe.AttemptAsync(server.Address, Tls(insecure: true));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.False(outcome.Facts.CertificateChainValid);
        Assert.True(outcome.Facts.CertificateHostnameValid);
        Assert.Matches(@"^TLSv1\.[23]$", outcome.Facts.TlsVersion);
        Assert.True(outcome.Facts.ResponseTimeMs > 0);
    }

    [Fact]
    public async Task Server_name_is_sent_and_checked()
    {
        using var named = TestCertificates.SelfSigned(DateTimeOffset.UtcNow + Life, ["db.test"], []);
        await using var server = new HttpTestServer(_ => new Reply(200), named);

        var byAddress = await _probe.AttemptAsync(server.Address, Tls(insecure: true));
        var byName = await _probe.AttemptAsync(server.Address, Tls(insecure: true, serverName: "db.test"));
        var strictWrongName = await _probe.AttemptAsync(server.Address, Tls(serverName: "web.test"));

        Assert.False(byAddress.Facts.CertificateHostnameValid);
        Assert.True(byName.Facts.CertificateHostnameValid);
        Assert.Equal(ErrorKind.Tls, strictWrongName.Error?.Kind);
        Assert.Contains("'web.test'", strictWrongName.Error!.Message);
    }

    [Fact]
    public async Task Port_on_the_check_overrides_the_address()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), _certificate);

        var result = await _prober.CheckAsync(ProbeKit.Task($"127.0.0.1:{ProbeFixtures.ClosedPort()}", Tls(port: server.Port, insecure: true)));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal($"tls:{server.Port}", result.Check);
    }

    [Fact]
    public async Task Tls_version_fact_follows_the_server()
    {
        await using var server = new HttpTestServer(_ => new Reply(200), _certificate, protocols: SslProtocols.Tls12);

        var outcome = await _probe.AttemptAsync(server.Address, Tls(insecure: true));

        Assert.Equal("TLSv1.2", outcome.Facts.TlsVersion);
    }

    [Fact]
    public async Task Closed_port_is_refused()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task($"127.0.0.1:{ProbeFixtures.ClosedPort()}", Tls()));

        Assert.Equal(ErrorKind.Refused, result.Error?.Kind);
    }

    [Fact]
    public async Task A_server_that_does_not_speak_tls_fails_the_handshake()
    {
        await using var server = TcpTestServer.Banner("SSH-2.0-OpenSSH_9.6\r\n", thenClose: true);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tls(insecure: true)));

        Assert.False(result.Ok);
        Assert.Contains(result.Error!.Kind, new[] { ErrorKind.Tls, ErrorKind.Other });
    }
}
