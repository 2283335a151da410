using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;

namespace FleetOps.Probing.Prometheus;

/// <summary>
/// Runs instant queries against the configured Prometheus: <c>GET {base}/api/v1/query?query=…</c>, every connection
/// through the target policy like probes and actions (a denied Prometheus gets no packet), no redirects, a timeout per
/// query and a cap on the answer's size. Never throws for Prometheus' sake: an unreachable server, a timeout, a 5xx or
/// 429 is a transient error; a 4xx (a query it refuses), a denial or an unreadable answer is permanent.
/// Thread-safe; one per process.
/// </summary>
public sealed class PrometheusClient : IDisposable
{
    /// <summary>Bytes of an answer read at most (10,000 samples with their labels fit easily).</summary>
    public const int MaxAnswerBytes = 4 << 20;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly TimeSpan _timeout;

    public PrometheusClient(Uri baseUrl, TargetPolicy policy, TimeSpan timeout, string? bearerToken = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var connector = new PolicyConnector(policy);
        _base = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, ct) =>
                new NetworkStream(await connector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct).ConfigureAwait(false), ownsSocket: true),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxAnswerBytes };
        if (bearerToken is not null) _http.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
    }

    /// <summary>Where queries go, for messages (no credentials are part of it: a token goes in a header).</summary>
    public string Address => $"{_base.Scheme}://{_base.Authority}";

    public async Task<QueryAnswer> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        var context = $"Prometheus {Address}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.GetAsync(new Uri(_base, "api/v1/query?query=" + Uri.EscapeDataString(promql)), timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            // Prometheus answers a refused query with 400/422 and a JSON error: read it for the reason.
            if (status is 400 or 422) return PrometheusAnswer.Parse(body, context) is { Error: { } e } ? QueryAnswer.Failed(e.Kind, e.Message, transient: false) : NotOk(context, status);
            return status is >= 200 and <= 299 ? PrometheusAnswer.Parse(body, context) : NotOk(context, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return QueryAnswer.Failed(ErrorKind.Timeout, $"{context}: no answer within {_timeout.TotalMilliseconds:0} ms", transient: true);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or PolicyDeniedException)
        {
            var error = ProbeErrorClassifier.Classify(e, context);
            return new QueryAnswer([], error with { Message = $"{context} is unreachable: {error.Message[(context.Length + 2)..]}" });
        }
    }

    private static QueryAnswer NotOk(string context, int status) =>
        QueryAnswer.Failed(ErrorKind.HttpStatus, $"{context}: status {status}", transient: status is 408 or 429 or >= 500);

    public void Dispose() => _http.Dispose();
}
