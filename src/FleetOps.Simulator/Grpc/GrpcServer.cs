using System.Security.Cryptography.X509Certificates;
using FleetOps.Simulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Simulator.Grpc;

/// <summary>
/// The Kestrel server of a fleet's gRPC ports: HTTP/2 only (prior knowledge in clear text, ALPN h2 over TLS), serving
/// <see cref="NodeHealthService"/> through Grpc.AspNetCore. A server of its own, apart from the HTTP one, so that its
/// routing and gRPC services cost nothing to fleets that do not serve gRPC.
/// </summary>
internal static class GrpcServer
{
    public static WebApplication Build(IReadOnlyList<IConnectionListener> listeners, NodeHealthService health, X509Certificate2? certificate) =>
        FleetServer.Build(listeners, HttpProtocols.Http2, certificate,
            services =>
            {
                services.AddGrpc();
                services.AddSingleton(health);
            },
            app => app.MapGrpcService<NodeHealthService>());
}
