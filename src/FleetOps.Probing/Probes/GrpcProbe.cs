using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Calls <c>grpc.health.v1.Health/Check</c> for the check's Service over HTTP/2: clear text (h2c, prior knowledge) or,
/// with Tls, TLS with ALPN h2 and the certificate judged against ServerName (the target's host) unless Insecure. Each
/// attempt opens a fresh connection through the policy connector (an <see cref="AttemptHandler"/> of its own), so the
/// policy judges every attempt and the certificate facts are this attempt's. Healthy, unless conditions decide, when
/// the answer is SERVING (<see cref="GrpcAnswers"/> says what the others mean). The call carries no deadline of its own:
/// the attempt's timeout cancels it (a timeout), and a DEADLINE_EXCEEDED from the server or a proxy is a timeout too,
/// with what the attempt saw.
/// </summary>
public sealed class GrpcProbe(PolicyConnector connector) : ICheckProbe<GrpcCheck>
{
    /// <summary>A health answer is a few bytes; nothing a node sends back is buffered beyond this.</summary>
    private const int MaxAnswerBytes = 4 * 1024;

    public async Task<AttemptOutcome> AttemptAsync(Target target, GrpcCheck check, CancellationToken cancellationToken)
    {
        var (host, addressPort) = target.HostAndPort();
        var port = check.Port ?? addressPort
            ?? throw new ArgumentException($"target '{target.Name}': grpc check needs a port in the address or the check");
        var tls = check.Tls == true;
        // The URL carries the name TLS checks, SNI and :authority; the connection always goes to the target's own host.
        var name = tls ? check.ServerName ?? host : host;
        var uri = new UriBuilder(tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, name, port).Uri;

        using var handler = new AttemptHandler(connector, check.Insecure == true, (host, port));
        handler.Reset(name);
        using var channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = handler.Handler,
            DisposeHttpClient = true,
            // Off: with it on, a DEADLINE_EXCEEDED the server sends is thrown as a cancellation too, and would pass for
            // the attempt's own timeout ("no answer"). The attempt's timeout is told apart below, by its token.
            ThrowOperationCanceledOnCancellation = false,
            MaxReceiveMessageSize = MaxAnswerBytes,
            MaxRetryAttempts = 0, // the prober's attempts are the retries
        });
        var started = Stopwatch.GetTimestamp();
        using var call = new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = check.Service ?? "" }, cancellationToken: cancellationToken);
        Metadata? headers = null;
        string status;
        try
        {
            headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
            status = GrpcAnswers.StatusText((await call.ResponseAsync.ConfigureAwait(false)).Status);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            status = GrpcAnswers.ServiceUnknown; // how Check says the server does not know the service
        }
        catch (RpcException e)
        {
            cancellationToken.ThrowIfCancellationRequested(); // the attempt's timeout: the prober reports it as one
            var where = Where(uri, host, port);
            var facts = Observed(handler, started, headers);
            if (check.Insecure != true && handler.Certificate is { Valid: false } rejected)
                return new AttemptOutcome(rejected.AddTo(facts), new ProbeError(ErrorKind.Tls, $"{where}: {rejected.Problem}"));
            return new AttemptOutcome(facts, GrpcAnswers.Failure(e, where));
        }

        var answered = Observed(handler, started, headers) with { GrpcStatus = status };
        var error = AttemptOutcome.ConditionsDecide(check) ? null : GrpcAnswers.Judge(status, Where(uri, host, port), check.Service);
        return new AttemptOutcome(answered, error);
    }

    /// <summary>What the attempt saw: connected or not, the peer, the time, the response metadata and the certificate.</summary>
    private static ProbeFacts Observed(AttemptHandler handler, long started, Metadata? headers)
    {
        var facts = new ProbeFacts
        {
            Connected = handler.RemoteIp is not null,
            Ip = handler.RemoteIp,
            ResponseTimeMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3),
            Headers = headers is null ? null : GrpcAnswers.HeadersOf(headers),
        };
        return handler.Certificate is { } certificate ? certificate.AddTo(facts) : facts;
    }

    /// <summary>"https://api.test:8443 (at 10.0.0.5:8443)" when the URL's name is not the address the call went to.</summary>
    private static string Where(Uri uri, string host, int port)
    {
        var url = uri.GetLeftPart(UriPartial.Authority);
        if (string.Equals(uri.Host.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase)) return url;
        var at = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]:{port}" : $"{host}:{port}";
        return $"{url} (at {at})";
    }
}
