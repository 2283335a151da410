using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace FleetOps.Probing;

/// <summary>
/// The HTTP handler of one attempt (http and grpc checks): its own, so what its callbacks see (the peer's address, the
/// certificate) belongs to this attempt and no other. A process-wide pooled handler cannot give that:
/// <list type="bullet">
/// <item>its certificate callback runs only when a connection opens: a request on a pooled connection sees no
/// certificate at all, and a rotated or expiring certificate would go unseen for the pool's lifetime;</item>
/// <item>the callback's sender is the SslStream, not the request, and a connection opened for one request is handed
/// to whichever request waits first for that host, so facts keyed by request (Options, AsyncLocal) can land on
/// another probe when two checks hit the same host at once.</item>
/// </list>
/// A health probe should also measure a fresh connection (as blackbox_exporter does): a handshake per attempt is the point.
/// Every connection goes through the policy connector.
/// </summary>
internal sealed class AttemptHandler : IDisposable
{
    /// <param name="connectTo">Where every connection goes, whatever host the URL names (a grpc check puts its
    /// serverName in the URL, for SNI and :authority); null: the URL's host and port (each redirect hop's).</param>
    public AttemptHandler(PolicyConnector connector, bool insecure, (string Host, int Port)? connectTo = null)
    {
        Handler = new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (context, ct) =>
            {
                var (host, port) = connectTo ?? (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
                var socket = await connector.ConnectAsync(host, port, ct).ConfigureAwait(false);
                RemoteIp = PolicyConnector.RemoteAddressOf(socket);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck, // no CRL/OCSP fetches: probes reach only their targets
                RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                {
                    Certificate = CertificateFacts.From(certificate, chain, errors, ExpectedHost, ((SslStream)sender).SslProtocol);
                    return insecure || Certificate.Valid;
                },
            },
        };
    }

    public SocketsHttpHandler Handler { get; }

    /// <summary>The name the next handshake's certificate must match.</summary>
    public string ExpectedHost { get; set; } = "";

    /// <summary>The peer of the last connection opened, or null when none was.</summary>
    public string? RemoteIp { get; private set; }

    /// <summary>The last TLS handshake's certificate, or null when there was none.</summary>
    public CertificateFacts? Certificate { get; private set; }

    /// <summary>Forgets what the last request saw, before the next.</summary>
    public void Reset(string expectedHost)
    {
        ExpectedHost = expectedHost;
        RemoteIp = null;
        Certificate = null;
    }

    public void Dispose() => Handler.Dispose();
}
