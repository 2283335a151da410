using System.Diagnostics;
using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Simulator.Http;

/// <summary>
/// Serves <c>GET /health</c> for every node: the node is the one owning the port (port-per-node) or the local address
/// (address-per-node) the connection came in on, and its current fault decides the answer. Anything else is a 404.
/// </summary>
internal sealed class HealthEndpoint(
    IFleetSockets sockets,
    NodeRuntime[] nodes,
    TimeSpan slowDelay,
    int wrongStatusCode,
    HealthCounter counter,
    CancellationToken fleetStopping)
{
    private const string HealthPath = "/health";
    public const string NodeHeader = "X-Node";

    /// <summary>Serves <c>/action</c> (rollout actions) on every node.</summary>
    public ActionEndpoint? Actions { get; init; }

    public async Task HandleAsync(HttpContext context)
    {
        var index = sockets.IndexOf(context.Connection);
        if (index < 0)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError; // cannot happen: the listener vets connections
            return;
        }
        var node = nodes[index];
        if (Actions is not null && ActionEndpoint.Matches(context.Request.Path))
        {
            await Actions.HandleAsync(context, index, node.Name).ConfigureAwait(false);
            return;
        }
        if (!string.Equals(context.Request.Path.Value, HealthPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        counter.Increment();

        switch (node.Fault)
        {
            case NodeFault.None:
                await WriteAsync(context, StatusCodes.Status200OK, node, node.UpBody).ConfigureAwait(false);
                break;
            case NodeFault.WrongStatus:
                await WriteAsync(context, wrongStatusCode, node, node.DownBody).ConfigureAwait(false);
                break;
            case NodeFault.Slow:
                if (await WaitAsync(context, slowDelay).ConfigureAwait(false))
                    await WriteAsync(context, StatusCodes.Status200OK, node, node.UpBody).ConfigureAwait(false);
                break;
            case NodeFault.Hang:
                await WaitAsync(context, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
                break;
            default:
                // Down or Blackhole set while this connection was already open: the node is gone, drop the connection.
                context.Abort();
                break;
        }
    }

    /// <summary>
    /// Waits at least <paramref name="delay"/> unless the client leaves or the fleet stops; then aborts the connection
    /// (nothing is ever answered late) and returns false. The fleet's token keeps a hung request from outliving the fleet.
    /// </summary>
    private async Task<bool> WaitAsync(HttpContext context, TimeSpan delay)
    {
        var started = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, fleetStopping);
        try
        {
            await Task.Delay(delay, stop.Token).ConfigureAwait(false);
            // Timers tick in whole milliseconds and may fire a fraction early; "slow" promises at least the delay.
            while (delay != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(started) < delay)
            {
                await Task.Delay(1, stop.Token).ConfigureAwait(false);
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }

    /// <summary>The node names itself in the body and in <c>X-Node</c>: a probe can tell an answer from the wrong node.</summary>
    private static Task WriteAsync(HttpContext context, int status, NodeRuntime node, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.Headers[NodeHeader] = node.Name;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }
}
