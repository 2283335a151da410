using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// A TLS handshake on the check's port (default 443) with ServerName (default: the target's host) as SNI and as the
/// name the certificate must match. Fails (Tls) on an untrusted chain or a name mismatch unless Insecure; the facts
/// report both either way. Nothing is sent after the handshake.
/// </summary>
public sealed class TlsProbe(PolicyConnector connector) : ICheckProbe<TlsCheck>
{
    public const int DefaultPort = 443;

    public async Task<AttemptOutcome> AttemptAsync(Target target, TlsCheck check, CancellationToken cancellationToken)
    {
        var (host, port) = target.HostAndPort();
        var serverName = check.ServerName ?? host;
        var started = Stopwatch.GetTimestamp();
        using var socket = await connector.ConnectAsync(host, check.Port ?? port ?? DefaultPort, cancellationToken).ConfigureAwait(false);
        var ip = PolicyConnector.RemoteAddressOf(socket);

        CertificateFacts? seen = null;
        await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            // An IP literal is not a valid SNI: .NET then sends none, as browsers do.
            TargetHost = serverName,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            // Accept during the handshake so the version and certificate can be reported; judged below. Nothing is sent after it.
            RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                seen = CertificateFacts.From(certificate, chain, errors, serverName, ((SslStream)sender).SslProtocol);
                return true;
            },
        }, cancellationToken).ConfigureAwait(false);

        var facts = new ProbeFacts { Connected = true, Ip = ip, ResponseTimeMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3) };
        if (seen is null) return new AttemptOutcome(facts, new ProbeError(ErrorKind.Tls, $"{Where(host, check, port)}: the server sent no certificate"));
        facts = (seen with { TlsVersion = CertificateFacts.VersionText(ssl.SslProtocol) ?? seen.TlsVersion }).AddTo(facts);
        return seen.Valid || check.Insecure == true
            ? new AttemptOutcome(facts)
            : new AttemptOutcome(facts, new ProbeError(ErrorKind.Tls, $"{Where(host, check, port)}: {seen.Problem}"));
    }

    private static string Where(string host, TlsCheck check, int? port) =>
        $"{(IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host)}:{check.Port ?? port ?? DefaultPort}";
}
