namespace FleetOps.Probing;

/// <summary>
/// The HTTP client of one http check attempt, over an <see cref="AttemptHandler"/> of its own (why: see there), which
/// follows no redirects itself: <see cref="HttpProbe"/> follows them hop by hop, each through the policy connector.
/// </summary>
internal sealed class HttpAttemptClient : IDisposable
{
    private readonly AttemptHandler _handler;
    private readonly HttpMessageInvoker _invoker;

    public HttpAttemptClient(PolicyConnector connector, bool insecure)
    {
        _handler = new AttemptHandler(connector, insecure);
        _handler.Handler.AllowAutoRedirect = false;
        _invoker = new HttpMessageInvoker(_handler.Handler, disposeHandler: true);
    }

    /// <summary>The peer of the last connection: the one that served the last response, as every request opens its own.</summary>
    public string? RemoteIp => _handler.RemoteIp;

    /// <summary>The last TLS handshake's certificate, or null when the last request was plain HTTP.</summary>
    public CertificateFacts? Certificate => _handler.Certificate;

    /// <summary>Sends on a new connection (Connection: close), so the facts recorded are this request's.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string expectedHost, CancellationToken cancellationToken)
    {
        _handler.Reset(expectedHost);
        request.Headers.ConnectionClose = true;
        return _invoker.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _invoker.Dispose();
}
