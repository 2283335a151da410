using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FleetOps.Simulator.Grpc;

/// <summary>
/// The certificate of a fleet's TLS gRPC ports, made in-process at start (ECDSA P-256, a few milliseconds): CN
/// fleetops-sim, names localhost, 127.0.0.1 and ::1, valid from 5 minutes ago for 30 days. Self-signed, so a client
/// trusts it explicitly (<see cref="SimulatedFleet.GrpcCertificate"/>, <c>--grpc-cert-out</c>) or probes insecurely.
/// Address-per-node nodes (127.x.y.z) are not among its names: check the name "localhost" there.
/// </summary>
internal static class SelfSignedCertificate
{
    public const string CommonName = "fleetops-sim";

    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={CommonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
    }
}
