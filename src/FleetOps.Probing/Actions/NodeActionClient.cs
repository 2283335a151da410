using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Rollouts;

namespace FleetOps.Probing.Actions;

/// <summary>
/// Runs a rollout's action on one node: renders it for the node, sends it with an <c>Idempotency-Key</c>, and retries
/// transient failures (connect errors, timeouts, 5xx, 429) with the SAME key, so a node that did the work but whose
/// answer was lost can recognise the retry. Every connection goes through the policy connector (a denied node gets
/// no packet); redirects are not followed (an action's answer is judged as it comes). Thread-safe; one per process.
/// </summary>
/// <remarks>
/// Unlike probes (a fresh connection per attempt, to observe the handshake), actions share a connection pool: they
/// report no certificate facts, and reusing connections spares a node a handshake per wave and retry.
/// </remarks>
public sealed class NodeActionClient : IDisposable
{
    public const int DefaultTimeoutMs = ActionLimits.DefaultTimeoutMs, MaxTimeoutMs = ActionLimits.MaxTimeoutMs;
    public const int DefaultRetries = ActionLimits.DefaultRetries, MaxRetries = ActionLimits.MaxRetries;
    public const int SnippetChars = ActionLimits.SnippetChars;
    public const string IdempotencyHeader = ActionLimits.IdempotencyHeader;

    /// <summary>Before retry n (1-based): backoff × 2^(n-1), capped at <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan DefaultBackoff = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly HttpMessageInvoker _invoker;
    private readonly TimeSpan _backoff;

    /// <param name="retryBackoff">Delay before the first retry (default 200 ms); tests shorten it.</param>
    public NodeActionClient(TargetPolicy policy, TimeSpan? retryBackoff = null)
    {
        var connector = new PolicyConnector(policy);
        _backoff = retryBackoff ?? DefaultBackoff;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            // Recycled so a node whose name now resolves elsewhere is reconnected (and checked against policy) again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, ct) =>
            {
                var socket = await connector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
            // No CRL/OCSP fetches: the client reaches only what the policy allows.
            SslOptions = new SslClientAuthenticationOptions { CertificateRevocationCheckMode = X509RevocationMode.NoCheck },
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>
    /// The action's outcome on <paramref name="target"/>. Failures are results, not exceptions; only cancelling
    /// <paramref name="cancellationToken"/> throws (<see cref="OperationCanceledException"/>).
    /// </summary>
    /// <param name="idempotencyKey">Sent on every attempt; the orchestrator passes <c>{runId}/{node}</c>.</param>
    public async Task<NodeActionResult> ExecuteAsync(Target target, ActionSpec action, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(action);
        if (string.IsNullOrEmpty(idempotencyKey) || HttpTokens.CheckValue(idempotencyKey) is not null)
            throw new ArgumentException($"'{idempotencyKey}' cannot be sent as a header value", nameof(idempotencyKey));

        RenderedAction rendered;
        try
        {
            rendered = RenderedAction.For(target, action);
        }
        catch (ActionTemplateException e)
        {
            // Nothing was sent, and the next attempt would render the same: a permanent failure, 0 attempts.
            return new NodeActionResult(target.Name, false, 0, null, 0,
                new ProbeError(ErrorKind.Other, $"node '{target.Name}' ({target.Address}): {e.Message}") { Transient = false }, null);
        }

        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(action.TimeoutMs ?? DefaultTimeoutMs, 1, MaxTimeoutMs));
        var attempts = 1 + Math.Clamp(action.Retries ?? DefaultRetries, 0, MaxRetries);
        for (var attempt = 1; ; attempt++)
        {
            var context = $"node '{target.Name}' ({target.Address}), {rendered.Method} {rendered.Url}, attempt {attempt}";
            var (status, snippet, error, elapsed) = await AttemptAsync(rendered, action, idempotencyKey, timeout, context, cancellationToken).ConfigureAwait(false);
            if (error is null || !error.Transient || attempt >= attempts)
                return new NodeActionResult(target.Name, error is null, attempt, status, Math.Round(elapsed.TotalMilliseconds, 3), error, snippet);
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(_backoff.TotalMilliseconds * Math.Pow(2, attempt - 1), MaxBackoff.TotalMilliseconds));

    private async Task<(int? Status, string? Snippet, ProbeError? Error, TimeSpan Elapsed)> AttemptAsync(
        RenderedAction rendered, ActionSpec action, string idempotencyKey, TimeSpan timeout, string context, CancellationToken cancellationToken)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = rendered.ToMessage(idempotencyKey);
            using var response = await _invoker.SendAsync(request, timeoutCts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var snippet = await ReadSnippetAsync(response.Content, timeoutCts.Token).ConfigureAwait(false);
            return (status, snippet, Judge(action, status, context), Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, new ProbeError(ErrorKind.Timeout, $"{context}: no answer within {timeout.TotalMilliseconds:0} ms"), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, null, ProbeErrorClassifier.Classify(e, context), Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Null when the status is expected: ExpectStatus, or any 2xx when the action gives none.</summary>
    private static ProbeError? Judge(ActionSpec action, int status, string context)
    {
        var expected = action.ExpectStatus is { Count: > 0 } set ? set : null;
        if (expected?.Contains(status) ?? status is >= 200 and <= 299) return null;
        // 5xx and 429 are the node saying "not now"; any other status will be the same next time.
        return new ProbeError(ErrorKind.HttpStatus, $"{context}: status {status}, expected {(expected is null ? "2xx" : string.Join(" or ", expected))}")
        {
            Transient = status >= 500 || status == 429,
        };
    }

    /// <summary>The first <see cref="SnippetChars"/> characters of the body, read no further (a node may answer with megabytes).</summary>
    private static async Task<string?> ReadSnippetAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[SnippetChars * 4]; // UTF-8 takes at most 4 bytes per character
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        if (length == 0) return null;
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        if (text.Length <= SnippetChars) return text;
        var cut = char.IsHighSurrogate(text[SnippetChars - 1]) ? SnippetChars - 1 : SnippetChars;
        return text[..cut];
    }

    public void Dispose() => _invoker.Dispose();
}
