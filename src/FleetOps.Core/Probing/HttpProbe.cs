using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Probing;

/// <summary>
/// GETs a URL and compares the status with the expected set (default 200-399 is not assumed: 200 only).
/// One pooled handler per prober: connections are reused per node (host:port), never across nodes.
/// </summary>
public sealed class HttpProbe : ICheckProbe, IDisposable
{
    private readonly HttpClient _client;

    public HttpProbe(PolicyConnector connector)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 4,
            // Every connection goes through the policy, after DNS: a name cannot reach a denied address.
            ConnectCallback = async (context, ct) =>
            {
                var socket = await connector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("FleetOps-Probe/1.0");
    }

    public CheckKind Kind => CheckKind.Http;

    public static Uri BuildUri(Target target, CheckSpec check)
    {
        if (check.Url is { } url) return new Uri(url);
        var (host, port) = target.HostAndPort();
        var scheme = check.Scheme ?? "http";
        // "/ready?deep=1": the query is not part of the path (UriBuilder would escape '?' to %3F).
        var path = check.Path ?? "/";
        var query = path.IndexOf('?');
        var builder = new UriBuilder(scheme, host, check.Port ?? port ?? -1, query < 0 ? path : path[..query])
        {
            Query = query < 0 ? "" : path[(query + 1)..],
        };
        return builder.Uri;
    }

    public async Task<AttemptOutcome> AttemptAsync(Target target, CheckSpec check, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(target, check));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var expected = check.ExpectStatus is { Count: > 0 } set ? set : [200];
        if (expected.Contains(status)) return new AttemptOutcome(true, status);
        return new AttemptOutcome(false, status, new ProbeError(ErrorKind.HttpStatus,
            $"{request.RequestUri}: status {status}, expected {string.Join(" or ", expected)}"));
    }

    public void Dispose() => _client.Dispose();
}
