using System.Security.Cryptography.X509Certificates;
using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FleetOps.Simulator.Http;

/// <summary>
/// A Kestrel server over listeners we opened (a node's port each, or a few accept loops on the shared port of an
/// address-per-node fleet). A fleet has one for HTTP (<c>/health</c>, <c>/action</c>, <c>/metrics</c>, and the control
/// port) and, when it serves gRPC, one for that (HTTP/2, clear text or TLS).
/// </summary>
internal static class FleetServer
{
    /// <summary>Hung requests are cancelled before stopping, so this only bounds a misbehaving shutdown.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(1);

    /// <summary>HTTP/1.1 on every listener, every request to <paramref name="handler"/>.</summary>
    public static WebApplication Build(IReadOnlyList<IConnectionListener> listeners, RequestDelegate handler) =>
        Build(listeners, HttpProtocols.Http1, certificate: null, _ => { }, app => app.Run(handler));

    /// <summary>
    /// <paramref name="protocols"/> on every listener, with TLS when there is a <paramref name="certificate"/>;
    /// <paramref name="services"/> and <paramref name="pipeline"/> set up what is served.
    /// </summary>
    public static WebApplication Build(
        IReadOnlyList<IConnectionListener> listeners, HttpProtocols protocols, X509Certificate2? certificate,
        Action<IServiceCollection> services, Action<WebApplication> pipeline)
    {
        // The empty builder is the leanest (no config files, file watchers, env-var URLs or logging providers):
        // a fleet is embedded in tests and benchmarks, and many may start in one process.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        if (certificate is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Services.AddSingleton<IConnectionListenerFactory>(new NodePortListenerFactory(listeners));
        builder.Services.AddSingleton<IHostLifetime, DetachedHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services(builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Thousands of probes in flight; hung requests must live until the client or the fleet gives up.
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            for (var i = 0; i < listeners.Count; i++)
            {
                kestrel.Listen(new NodeEndPoint(i), listen =>
                {
                    listen.Protocols = protocols;
                    if (certificate is not null) listen.UseHttps(certificate);
                });
            }
        });

        var app = builder.Build();
        pipeline(app);
        return app;
    }
}
