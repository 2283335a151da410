using System.Diagnostics;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Sends the check's request (method, headers, body) and judges the final response's status against ExpectStatus
/// (default 200 only, unless conditions decide). Follows up to <see cref="MaxRedirects"/> redirects when asked, each hop
/// on a connection of its own through the policy. HTTPS certificates are validated unless Insecure.
/// </summary>
public sealed class HttpProbe(PolicyConnector connector) : ICheckProbe<HttpCheck>
{
    public const int MaxRedirects = 5;

    public static Uri BuildUri(Target target, HttpCheck check) => HttpRequests.BuildUri(target, check);

    public async Task<AttemptOutcome> AttemptAsync(Target target, HttpCheck check, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var origin = BuildUri(target, check);
        var (uri, method, body) = (origin, HttpRequests.MethodOf(check), check.Body);
        using var client = new HttpAttemptClient(connector, check.Insecure == true);
        for (var hop = 0; ; hop++)
        {
            var sameOrigin = HttpRequests.SameOrigin(uri, origin);
            using var request = HttpRequests.Create(check, uri, method, body, sameOrigin);
            var expectedHost = HttpRequests.ExpectedHost(check, request, sameOrigin);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, expectedHost, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (check.Insecure != true && client.Certificate is { Valid: false } rejected)
            {
                // We refused the certificate: a hard failure, but what the handshake showed is still worth reporting.
                var facts = rejected.AddTo(new ProbeFacts { Connected = true, Ip = client.RemoteIp, ResponseTimeMs = Elapsed(started) });
                return new AttemptOutcome(facts, new ProbeError(ErrorKind.Tls, $"{uri}: {rejected.Problem}"));
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                if (check.FollowRedirects == true && hop < MaxRedirects && HttpRequests.IsRedirect(status)
                    && response.Headers.Location is { } location && new Uri(uri, location) is { Scheme: "http" or "https" } next)
                {
                    (uri, (method, body)) = (next, HttpRequests.AfterRedirect(status, method, body));
                    continue;
                }
                var facts = await HttpResponseFacts.ReadAsync(response, cancellationToken).ConfigureAwait(false);
                facts = facts with { Ip = client.RemoteIp, ResponseTimeMs = Elapsed(started) };
                if (client.Certificate is { } certificate) facts = certificate.AddTo(facts);
                return new AttemptOutcome(facts, Judge(check, uri, status, response.Headers.Location, hop));
            }
        }
    }

    private static ProbeError? Judge(HttpCheck check, Uri uri, int status, Uri? location, int redirects)
    {
        IReadOnlyList<int>? expected = check.ExpectStatus is { Count: > 0 } set ? set : AttemptOutcome.ConditionsDecide(check) ? null : [200];
        if (expected is null || expected.Contains(status)) return null;
        var after = redirects > 0 ? $" after {redirects} redirect{(redirects > 1 ? "s" : "")}" : "";
        var to = location is not null && HttpRequests.IsRedirect(status) ? $" (Location: {location})" : "";
        // 5xx and 429 are the server saying "not now": worth another attempt. Any other status will be the same next time.
        return new ProbeError(ErrorKind.HttpStatus, $"{uri}: status {status}{to}{after}, expected {string.Join(" or ", expected)}")
        {
            Transient = status >= 500 || status == 429,
        };
    }

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
}
