using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;

namespace FleetOps.Probing.Notifiers;

/// <summary>The outcome of one delivery attempt. A failure's <see cref="ProbeError.Transient"/> says whether to retry.</summary>
public sealed record NotifierSendResult(bool Ok, int? Status, ProbeError? Error, double ElapsedMs, string? Answer);

/// <summary>
/// Sends a built <see cref="NotifierRequest"/> once: POST, its headers and body as they are, no redirects followed,
/// every connection through the notifier policy (a denied destination gets no packet). Retrying is the caller's
/// (the alert-deliveries queue, with backoff and the same Idempotency-Key). Transient: timeouts, connect errors,
/// 408, 429, 5xx. Permanent: other statuses, policy denials. Errors name the destination, never a secret URL.
/// </summary>
public sealed class NotifierSender : IDisposable
{
    /// <summary>Characters of the receiver's answer kept (PagerDuty and Slack explain a refusal there).</summary>
    public const int AnswerChars = 256;

    private readonly HttpMessageInvoker _invoker;
    private readonly TimeSpan _timeout;

    public NotifierSender(NotifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = new NotifierPolicy(options);
        _timeout = TimeSpan.FromMilliseconds(Math.Clamp(options.TimeoutMs, 1, 300_000));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            // Recycled so a destination whose name now resolves elsewhere is checked against policy again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, ct) =>
            {
                var host = context.DnsEndPoint.Host;
                var targetPolicy = policy.PolicyFor(host, out var denial) ?? throw new PolicyDeniedException(denial!);
                var socket = await new PolicyConnector(targetPolicy).ConnectAsync(host, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions { CertificateRevocationCheckMode = X509RevocationMode.NoCheck },
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public async Task<NotifierSendResult> SendAsync(NotifierRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = $"notifier {request.Destination}, {request.Header(NotifierRequest.IdempotencyHeader)}";
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var message = ToMessage(request);
            using var response = await _invoker.SendAsync(message, timeoutCts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var answer = await ReadAnswerAsync(response.Content, timeoutCts.Token).ConfigureAwait(false);
            var error = status is >= 200 and <= 299 ? null
                : new ProbeError(ErrorKind.HttpStatus, $"{context}: status {status}" + (answer is { Length: > 0 } ? $": {answer}" : ""))
                {
                    Transient = status is 408 or 429 or >= 500,
                };
            return new NotifierSendResult(error is null, status, error, Elapsed(started), answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NotifierSendResult(false, null, new ProbeError(ErrorKind.Timeout, $"{context}: no answer within {_timeout.TotalMilliseconds:0} ms"), Elapsed(started), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = ProbeErrorClassifier.Classify(e, context);
            return new NotifierSendResult(false, null, error with { Message = Redact(error.Message, request.Url) }, Elapsed(started), null);
        }
    }

    private static HttpRequestMessage ToMessage(NotifierRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, request.Url) { Content = new ByteArrayContent(request.Body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(NotifierRequest.ContentType) { CharSet = "utf-8" };
        foreach (var (name, value) in request.Headers)
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    private static async Task<string?> ReadAnswerAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[AnswerChars * 4];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        return text.Length > AnswerChars ? text[..AnswerChars] : text;
    }

    /// <summary>
    /// Defence in depth: .NET's socket errors name only host and port today, but should any message carry the request
    /// URI, a Slack or Teams URL is a credential and must not reach an error, a log or a poison message.
    /// </summary>
    internal static string Redact(string message, Uri url)
    {
        message = message.Replace(url.ToString(), url.Host, StringComparison.Ordinal);
        return url.PathAndQuery.Length > 1 ? message.Replace(url.PathAndQuery, "/…", StringComparison.Ordinal) : message;
    }

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);

    public void Dispose() => _invoker.Dispose();
}
