using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// The HTTP client of one attempt: its own handler, so what its callbacks see (the peer's address, the certificate)
/// belongs to this attempt and no other. A process-wide pooled handler cannot give that:
/// <list type="bullet">
/// <item>its certificate callback runs only when a connection opens: a request on a pooled connection sees no
/// certificate at all, and a rotated or expiring certificate would go unseen for the pool's lifetime;</item>
/// <item>the callback's sender is the SslStream, not the request, and a connection opened for one request is handed
/// to whichever request waits first for that host, so facts keyed by request (Options, AsyncLocal) can land on
/// another probe when two checks hit the same host at once.</item>
/// </list>
/// A health probe should also measure a fresh connection (as blackbox_exporter does): a handshake per attempt is the point.
/// Every connection, redirect hops included, goes through the policy connector.
/// </summary>
internal sealed class HttpAttemptClient : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly bool _insecure;
    private string _expectedHost = "";

    public HttpAttemptClient(PolicyConnector connector, bool insecure)
    {
        _insecure = insecure;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // redirects are followed by HttpProbe, hop by hop
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (context, ct) =>
            {
                var socket = await connector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                RemoteIp = PolicyConnector.RemoteAddressOf(socket);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck, // no CRL/OCSP fetches: probes reach only their targets
                RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                {
                    Certificate = CertificateFacts.From(certificate, chain, errors, _expectedHost, ((SslStream)sender).SslProtocol);
                    return _insecure || Certificate.Valid;
                },
            },
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The peer of the last connection: the one that served the last response, as every request opens its own.</summary>
    public string? RemoteIp { get; private set; }

    /// <summary>The last TLS handshake's certificate, or null when the last request was plain HTTP.</summary>
    public CertificateFacts? Certificate { get; private set; }

    /// <summary>Sends on a new connection (Connection: close), so the facts recorded are this request's.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string expectedHost, CancellationToken cancellationToken)
    {
        _expectedHost = expectedHost;
        RemoteIp = null;
        Certificate = null;
        request.Headers.ConnectionClose = true;
        return _invoker.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _invoker.Dispose();
}
