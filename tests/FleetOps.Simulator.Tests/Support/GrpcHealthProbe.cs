using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace FleetOps.Simulator.Tests.Support;

/// <summary>
/// One <c>grpc.health.v1.Health/Check</c> with the real client (Grpc.Net.Client and Grpc.HealthCheck's generated
/// <see cref="Health.HealthClient"/>), over h2c or TLS; over TLS the fleet's own certificate is the only trusted root
/// and the name is checked as a client would (<c>localhost</c>, or the address's IP).
/// </summary>
public static class GrpcHealthProbe
{
    /// <summary>What came back: the call's status code, the serving status when OK, and the x-node header.</summary>
    public sealed record Answer(StatusCode Code, HealthCheckResponse.Types.ServingStatus? Status, string? Node);

    /// <summary>Connects to <paramref name="grpcAddress"/>; the URL (so the TLS name checked) carries <paramref name="serverName"/> or the IP.</summary>
    public static async Task<Answer> CheckAsync(SimulatedFleet fleet, string grpcAddress, string service, TimeSpan deadline, string? serverName = null)
    {
        var tls = fleet.GrpcCertificate is not null;
        var endPoint = IPEndPoint.Parse(grpcAddress);
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            UseProxy = false,
            // Always the node's own address, whatever name the URL carries (the name is what TLS checks).
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (fleet.GrpcCertificate is { } root) handler.SslOptions = TrustOnly(root);
        var host = serverName ?? endPoint.Address.ToString();
        using var channel = GrpcChannel.ForAddress($"{(tls ? "https" : "http")}://{host}:{endPoint.Port}", new GrpcChannelOptions { HttpHandler = handler });
        var client = new Health.HealthClient(channel);
        using var call = client.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow + deadline);
        string? node = null;
        try
        {
            node = (await call.ResponseHeadersAsync).GetValue("x-node");
            var response = await call.ResponseAsync;
            return new Answer(StatusCode.OK, response.Status, node);
        }
        catch (RpcException e)
        {
            return new Answer(e.StatusCode, null, node ?? e.Trailers.GetValue("x-node"));
        }
    }

    /// <summary>Certificate validation that trusts <paramref name="root"/> alone, name check (of the URL's host) included.</summary>
    private static SslClientAuthenticationOptions TrustOnly(X509Certificate2 root) => new()
    {
        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is null) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        },
    };
}
