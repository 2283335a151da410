using System.Buffers.Binary;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetOps.Probing.Tests.Probes.Servers;

/// <summary>
/// A hand-written gRPC answer on a loopback h2c port: what the simulator's well-behaved health service never says
/// (UNIMPLEMENTED, DEADLINE_EXCEEDED, UNKNOWN, an oversized message). Every call gets the same answer.
/// </summary>
internal sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, string address) => (_app, Address) = (app, address);

    /// <summary>"127.0.0.1:port".</summary>
    public string Address { get; }

    /// <summary>Answers every call with <paramref name="message"/> (none: a trailers-only answer) and <paramref name="grpcStatus"/>.</summary>
    public static async Task<GrpcTestServer> StartAsync(int grpcStatus, IMessage? message = null, int padTo = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.ContentType = "application/grpc";
            if (message is not null) await context.Response.Body.WriteAsync(Frame(message, padTo));
            context.Response.AppendTrailer("grpc-status", grpcStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new GrpcTestServer(app, $"127.0.0.1:{url.Port}");
    }

    /// <summary>A length-prefixed message (gRPC's framing), with unknown-field padding up to <paramref name="padTo"/> bytes.</summary>
    private static byte[] Frame(IMessage message, int padTo)
    {
        var payload = message.ToByteArray();
        if (payload.Length < padTo)
        {
            // Field 15, length-delimited: an unknown field the parser skips, only there to make the message big.
            var pad = new byte[padTo];
            pad[0] = (15 << 3) | 2;
            var length = padTo - 4;
            pad[1] = (byte)(0x80 | (length & 0x7F));
            pad[2] = (byte)(0x80 | ((length >> 7) & 0x7F));
            pad[3] = (byte)(length >> 14);
            payload = [.. payload, .. pad];
        }
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
