using FleetOps.Simulator.Http;
using FleetOps.Simulator.Ports;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Simulator.Grpc;

/// <summary>
/// <c>grpc.health.v1.Health/Check</c> for every node: the node is the one owning the gRPC port (port-per-node) or the
/// local address (address-per-node) the call came in on, and its <see cref="GrpcFault"/> decides the answer. Every
/// answer names the node in the <c>x-node</c> response header. Watch is not served (UNIMPLEMENTED): probes use Check.
/// </summary>
internal sealed class NodeHealthService(IFleetSockets sockets, NodeRuntime[] nodes, string service, CancellationToken fleetStopping)
    : Health.HealthBase
{
    public const string NodeHeader = "x-node";

    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var index = sockets.IndexOf(http.Connection);
        if (index < 0) throw new RpcException(new Status(StatusCode.Internal, "not a simulated node's connection")); // the listener vets connections
        var node = nodes[index];
        var fault = node.GrpcFault;
        switch (fault)
        {
            case GrpcFault.Hang:
                await HangAsync(http, context).ConfigureAwait(false);
                throw new RpcException(Status.DefaultCancelled); // not delivered: the stream was reset
            case GrpcFault.Down:
                // Down set while this connection was already open: the node is gone, drop the call.
                http.Abort();
                throw new RpcException(new Status(StatusCode.Unavailable, "node down"));
        }

        await context.WriteResponseHeadersAsync(new Metadata { { NodeHeader, node.Name } }).ConfigureAwait(false);
        var known = request.Service.Length == 0 || (request.Service == service && fault != GrpcFault.ServiceUnknown);
        if (!known) throw new RpcException(new Status(StatusCode.NotFound, $"unknown service '{request.Service}'"));
        return new HealthCheckResponse
        {
            Status = fault == GrpcFault.NotServing
                ? HealthCheckResponse.Types.ServingStatus.NotServing
                : HealthCheckResponse.Types.ServingStatus.Serving,
        };
    }

    /// <summary>
    /// Waits until the client leaves (its deadline, a cancel) or the fleet stops, then resets the stream: nothing is
    /// ever answered. The fleet's token keeps a hung call from outliving the fleet.
    /// </summary>
    private async Task HangAsync(HttpContext http, ServerCallContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, fleetStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        http.Abort();
    }
}
