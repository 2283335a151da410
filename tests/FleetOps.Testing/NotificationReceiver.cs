using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetOps.Testing;

/// <summary>One request a <see cref="NotificationReceiver"/> got: path, headers, raw body, and when.</summary>
public sealed record ReceivedNotification(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
    public string? IdempotencyKey => Header("Idempotency-Key");
}

/// <summary>
/// A receiver of notifications on a real loopback port (Kestrel), as Slack, PagerDuty or a webhook endpoint would
/// be: it records every request and answers what <see cref="Respond"/> says (default 200), after an optional delay.
/// Like a receiver that honours <c>Idempotency-Key</c>, it counts the distinct keys it took (a 2xx) apart from the
/// raw requests.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedNotification> _requests = new();

    private NotificationReceiver(WebApplication app) => _app = app;

    /// <summary>
    /// The status and body to answer a request with, and how long to wait before answering (a slow receiver). The
    /// receiver acts on a request it answers 2xx when it decides so, before the wait, as a real one would: a client
    /// that goes away meanwhile never hears that it did. Default: 200 "ok" at once.
    /// </summary>
    public Func<ReceivedNotification, (int Status, string Body, TimeSpan Delay)> Respond { get; set; } = _ => (200, "ok", TimeSpan.Zero);

    public int Port { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<ReceivedNotification> Requests => [.. _requests];

    /// <summary>Requests answered 2xx, by Idempotency-Key: a receiver that honours the key acts on each key once, however often it comes.</summary>
    public ConcurrentDictionary<string, int> Accepted { get; } = new();

    /// <summary>Every request by Idempotency-Key (raw deliveries, answered or not).</summary>
    public IReadOnlyDictionary<string, int> RawByKey =>
        _requests.Where(r => r.IdempotencyKey is not null).GroupBy(r => r.IdempotencyKey!).ToDictionary(g => g.Key, g => g.Count());

    public IReadOnlyList<ReceivedNotification> On(string path) => [.. _requests.Where(r => r.Path == path)];

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Port = new Uri(app.Urls.First()).Port;
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedNotification(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray(), DateTimeOffset.UtcNow);
        _requests.Enqueue(request);
        var (status, text, delay) = Respond(request);
        if (status is >= 200 and <= 299 && request.IdempotencyKey is { } key) Accepted.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails naming <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public async Task UntilAsync(Func<NotificationReceiver, bool> condition, int seconds, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"receiver: not {what} within {seconds} s; got {_requests.Count} requests: {string.Join(", ", _requests.Select(r => $"{r.Path} {r.IdempotencyKey}"))}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
