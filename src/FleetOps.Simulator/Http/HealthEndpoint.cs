using System.Diagnostics;
using System.Text;
using FleetOps.Simulator.Metrics;
using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Simulator.Http;

/// <summary>
/// Serves every node's HTTP: <c>GET /health</c> (its current fault decides the answer), <c>/action</c> (see
/// <see cref="ActionEndpoint"/>) and <c>GET /metrics</c> (its <c>http_requests_total</c>). The node is the one owning the
/// port (port-per-node) or the local address (address-per-node) the connection came in on. Anything else is a 404.
/// Every answer but a scrape of <c>/metrics</c> counts in the node's <see cref="NodeTraffic"/>.
/// </summary>
internal sealed class HealthEndpoint(
    IFleetSockets sockets,
    NodeRuntime[] nodes,
    FleetSpec spec,
    HealthCounter counter,
    TimeProvider time,
    CancellationToken fleetStopping)
{
    private const string HealthPath = "/health";
    private const string MetricsPath = "/metrics";

    /// <summary>The response header that names the node (the body does too).</summary>
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
        var path = context.Request.Path;
        if (path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, StatusCodes.Status200OK, PrometheusText.ContentType,
                Encoding.UTF8.GetBytes(PrometheusText.Write([(node.Name, node.TrafficOn(time))]))).ConfigureAwait(false);
            return;
        }
        if (Actions is not null && ActionEndpoint.Matches(path))
        {
            await Actions.HandleAsync(context, index, node.Name).ConfigureAwait(false);
            if (!context.RequestAborted.IsCancellationRequested) node.TrafficOn(time).Count(context.Response.StatusCode);
            return;
        }
        if (!path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            node.TrafficOn(time).Count(StatusCodes.Status404NotFound);
            return;
        }
        counter.Increment();

        switch (node.Fault)
        {
            case NodeFault.None:
                await AnswerAsync(context, StatusCodes.Status200OK, node, node.UpBody).ConfigureAwait(false);
                break;
            case NodeFault.WrongStatus:
                await AnswerAsync(context, spec.WrongStatusCode, node, node.DownBody).ConfigureAwait(false);
                break;
            case NodeFault.Slow:
                if (await WaitAsync(context, spec.SlowDelay).ConfigureAwait(false))
                    await AnswerAsync(context, StatusCodes.Status200OK, node, node.UpBody).ConfigureAwait(false);
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
    private Task AnswerAsync(HttpContext context, int status, NodeRuntime node, byte[] body)
    {
        context.Response.Headers[NodeHeader] = node.Name;
        node.TrafficOn(time).Count(status);
        return WriteAsync(context, status, "application/json", body);
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }
}
