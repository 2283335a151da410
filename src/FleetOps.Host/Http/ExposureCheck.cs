using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FleetOps.Host.Http;

/// <summary>
/// Applies <see cref="BindingGuard"/> once the server has bound its addresses (hosted services' "started" step runs
/// after the server starts). Until then, and for good when refused, <see cref="Gate"/> answers every request 503, so
/// not one request is served on an exposed address without a key.
/// </summary>
public sealed class ExposureCheck(IServer server, IConfiguration configuration, IHostApplicationLifetime lifetime) : IHostedLifecycleService
{
    private volatile bool _verified;

    public string? Refusal { get; private set; }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Refusal = BindingGuard.Refusal(addresses, configuration["FleetOps:ApiKey"]);
        if (Refusal is null) _verified = true;
        else lifetime.StopApplication();
        return Task.CompletedTask;
    }

    /// <summary>First in the pipeline: nothing is served before the bound addresses were checked.</summary>
    public async Task Gate(HttpContext context, RequestDelegate next)
    {
        if (_verified)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        context.Response.Headers.RetryAfter = "1";
        await Api.Problems.Problem(503, "not-ready", "The host is not serving yet",
            "host: the addresses it listens on are being checked", context.Request.Path.Value).ExecuteAsync(context).ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
