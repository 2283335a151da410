using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FleetOps.Probing.Tests.Probes.Servers;

/// <summary>Self-signed server certificates made per test: a chosen expiry and SAN, never trusted by the machine.</summary>
internal static class TestCertificates
{
    /// <summary>SAN "localhost" and 127.0.0.1 unless told otherwise.</summary>
    public static X509Certificate2 SelfSigned(DateTimeOffset notAfter, string[]? dnsNames = null, IPAddress[]? addresses = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={(dnsNames ?? ["localhost"]).FirstOrDefault() ?? "test"}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames ?? ["localhost"]) san.AddDnsName(name);
        foreach (var address in addresses ?? [IPAddress.Loopback]) san.AddIpAddress(address);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server auth
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
        // Reloaded from PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
