using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Core.Results;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>What a TLS handshake showed about the server's certificate: facts for conditions, and what is wrong with it.</summary>
public sealed record CertificateFacts(TimeSpan? Expiration, bool ChainValid, bool HostnameValid, string? TlsVersion, string? Problem)
{
    public bool Valid => Problem is null;

    /// <summary>
    /// Judges the certificate as a browser would: a chain to a trusted root (as the platform built it) and a name that
    /// <paramref name="expectedHost"/> matches (SAN DNS or IP entries). The name check is ours, not the platform's,
    /// so it is against the check's ServerName even where the SNI had to differ (an IP target sends no SNI).
    /// Called inside the validation callback: the chain is only valid there.
    /// </summary>
    public static CertificateFacts From(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, string expectedHost, SslProtocols protocol)
    {
        var version = VersionText(protocol);
        if (certificate is not X509Certificate2 cert) return new CertificateFacts(null, false, false, version, "the server sent no certificate");
        var chainValid = (errors & (SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0;
        var hostnameValid = cert.MatchesHostname(expectedHost.TrimEnd('.'));
        var chainProblem = chainValid ? null : $"certificate chain is not trusted{ChainDetail(chain)}";
        var nameProblem = hostnameValid ? null : $"certificate ({cert.GetNameInfo(X509NameType.DnsName, false)}) does not match host '{expectedHost}'";
        var problem = chainProblem is null ? nameProblem : nameProblem is null ? chainProblem : $"{chainProblem}; {nameProblem}";
        return new CertificateFacts(cert.NotAfter.ToUniversalTime() - DateTime.UtcNow, chainValid, hostnameValid, version, problem);
    }

    public ProbeFacts AddTo(ProbeFacts facts) => facts with
    {
        CertificateExpiration = Expiration,
        CertificateChainValid = ChainValid,
        CertificateHostnameValid = HostnameValid,
        TlsVersion = TlsVersion,
    };

    private static string ChainDetail(X509Chain? chain) =>
        chain is { ChainStatus.Length: > 0 } ? $" ({string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct())})" : "";

    /// <summary>OpenSSL's names ("TLSv1.3"): one word, so a condition needs no quotes: <c>[TLS_VERSION] == TLSv1.3</c>.</summary>
    public static string? VersionText(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
#pragma warning disable SYSLIB0039, CS0618 // old versions are only ever reported, never offered
        SslProtocols.Tls11 => "TLSv1.1",
        SslProtocols.Tls => "TLSv1",
        SslProtocols.Ssl3 => "SSLv3",
#pragma warning restore SYSLIB0039, CS0618
        SslProtocols.None => null,
        _ => protocol.ToString(),
    };
}
