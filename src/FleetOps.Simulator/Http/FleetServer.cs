using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FleetOps.Simulator.Http;

/// <summary>
/// The one Kestrel server behind the whole fleet: one endpoint per listener (per node, or a few on the shared port of an
/// address-per-node fleet), all served by <see cref="HealthEndpoint"/>.
/// </summary>
internal static class FleetServer
{
    /// <summary>Hung requests are cancelled before stopping, so this only bounds a misbehaving shutdown.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(1);

    public static WebApplication Build(IReadOnlyList<IConnectionListener> listeners, HealthEndpoint health)
    {
        // The empty builder is the leanest (no config files, file watchers, env-var URLs or logging providers):
        // a fleet is embedded in tests and benchmarks, and many may start in one process.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddSingleton<IConnectionListenerFactory>(new NodePortListenerFactory(listeners));
        builder.Services.AddSingleton<IHostLifetime, DetachedHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Thousands of probes in flight; hung requests must live until the client or the fleet gives up.
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            for (var i = 0; i < listeners.Count; i++)
            {
                kestrel.Listen(new NodeEndPoint(i), listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

        var app = builder.Build();
        app.Run(health.HandleAsync);
        return app;
    }
}
