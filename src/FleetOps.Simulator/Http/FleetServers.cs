using System.Security.Cryptography.X509Certificates;
using FleetOps.Simulator.Control;
using FleetOps.Simulator.Grpc;
using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Builder;

namespace FleetOps.Simulator.Http;

/// <summary>
/// The Kestrel servers of a fleet: one for HTTP (the nodes' ports, and the control port when there is one), and one
/// for gRPC when the fleet serves it (with the TLS certificate, made here, when over TLS).
/// </summary>
internal sealed class FleetServers : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(1.5);

    private readonly List<WebApplication> _servers = [];
    private X509Certificate2? _certificate;

    /// <summary>The gRPC TLS certificate without its private key, for clients to trust; null without TLS.</summary>
    public X509Certificate2? PublicCertificate { get; private set; }

    public static async Task<FleetServers> StartAsync(
        FleetSockets sockets, HealthEndpoint health, ControlEndpoint? control, NodeHealthService? grpc, bool tls, CancellationToken ct)
    {
        var servers = new FleetServers();
        try
        {
            servers._servers.Add(sockets.Control is { } controlPort && control is not null
                ? FleetServer.Build([.. sockets.Http.Listeners, controlPort],
                    context => context.Connection.LocalPort == controlPort.Port ? control.HandleAsync(context) : health.HandleAsync(context))
                : FleetServer.Build(sockets.Http.Listeners, health.HandleAsync));
            if (sockets.Grpc is { } grpcSockets && grpc is not null)
            {
                if (tls)
                {
                    servers._certificate = SelfSignedCertificate.Create();
                    servers.PublicCertificate = X509CertificateLoader.LoadCertificate(servers._certificate.RawData);
                }
                servers._servers.Add(GrpcServer.Build(grpcSockets.Listeners, grpc, servers._certificate));
            }
            foreach (var server in servers._servers) await server.StartAsync(ct).ConfigureAwait(false);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops and disposes every server; call after the fleet's sockets are closed, so nothing is left to drain.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_servers.Select(StopAsync)).ConfigureAwait(false);
        _certificate?.Dispose();
        PublicCertificate?.Dispose();
    }

    private static async Task StopAsync(WebApplication server)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await server.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Kestrel aborts whatever is left when its stop token fires; nothing more to wait for.
        }
        catch (InvalidOperationException)
        {
            // never started (start-up failed before it): nothing to stop
        }
        await server.DisposeAsync().ConfigureAwait(false);
    }
}
