using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Simulator.Http;

/// <summary>
/// <c>POST /action</c> (any path under <c>/action</c>) on every node: what a rollout's action does to a node.
/// Honours <c>Idempotency-Key</c> per node: the first delivery of a key applies the action, every later one gets the
/// first one's response again (waiting for it if it is still being answered). Counts raw deliveries and applied
/// actions per node (and per path), for tests. A node can be set to fail the action (500, nothing applied) or to turn
/// unhealthy (its /health answers 503) once the action is applied; a path ending in <c>/rollback</c> makes such a
/// node healthy again. <see cref="FleetSpec.ActionDelay"/> delays every answer (after the action is applied).
/// </summary>
internal sealed class ActionEndpoint(FleetSpec spec, CancellationToken fleetStopping)
{
    public const string PathPrefix = "/action";
    private const string KeyHeader = "Idempotency-Key";

    private readonly ConcurrentDictionary<int, NodeActions> _nodes = new();

    /// <summary>Called with a node's index and its new fault when an action turns it unhealthy, or a rollback heals it.</summary>
    public Action<int, NodeFault>? SetFault { get; set; }

    public static bool Matches(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public long Deliveries(int index) => _nodes.TryGetValue(index, out var n) ? Interlocked.Read(ref n.Deliveries) : 0;

    /// <summary>Actions applied on the node: all of them, or those on one path (<c>/action/rollback</c>).</summary>
    public long Applied(int index, string? path = null) =>
        !_nodes.TryGetValue(index, out var n) ? 0
        : path is null ? Interlocked.Read(ref n.Applied)
        : n.AppliedByPath.GetValueOrDefault(path.ToLowerInvariant());

    public void Configure(int index, bool? fail, bool? unhealthyAfter)
    {
        var node = For(index);
        if (fail is { } f) node.Fail = f;
        if (unhealthyAfter is { } u) node.UnhealthyAfter = u;
    }

    public async Task HandleAsync(HttpContext context, int index, string name)
    {
        var node = For(index);
        Interlocked.Increment(ref node.Deliveries);
        var path = context.Request.Path.Value!.ToLowerInvariant();
        string key = context.Request.Headers[KeyHeader].ToString();
        var answer = key.Length == 0
            ? ApplyAsync(node, index, name, path, key)
            : node.ByKey.GetOrAdd(key, k => new Lazy<Task<(int, byte[])>>(() => ApplyAsync(node, index, name, path, k))).Value;
        try
        {
            var (status, body) = await answer.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private async Task<(int, byte[])> ApplyAsync(NodeActions node, int index, string name, string path, string key)
    {
        // Decided and counted at once, before the delay: a caller killed while waiting for the answer still changed the node.
        (int Status, byte[] Body) answer;
        if (node.Fail)
        {
            answer = (StatusCodes.Status500InternalServerError, Body(new { node = name, path, key, applied = false, error = "simulated action failure" }));
        }
        else
        {
            Interlocked.Increment(ref node.Applied);
            node.AppliedByPath.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (path.EndsWith("/rollback", StringComparison.Ordinal))
            {
                if (node.MadeUnhealthy) { node.MadeUnhealthy = false; SetFault?.Invoke(index, NodeFault.None); }
            }
            else if (node.UnhealthyAfter && !node.MadeUnhealthy)
            {
                node.MadeUnhealthy = true;
                SetFault?.Invoke(index, NodeFault.WrongStatus);
            }
            answer = (StatusCodes.Status200OK, Body(new { node = name, path, key, applied = true }));
        }
        if (spec.ActionDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(spec.ActionDelay, fleetStopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return answer;
    }

    private NodeActions For(int index) => _nodes.GetOrAdd(index, i => new NodeActions
    {
        Fail = Picked(i, spec.ActionFailures),
        UnhealthyAfter = Picked(i, spec.UnhealthyAfterAction),
    });

    /// <summary>floor(fraction × nodes) nodes, spread evenly over the indexes (the same spec picks the same nodes).</summary>
    private bool Picked(int index, double fraction) =>
        fraction > 0 && Math.Floor((index + 1) * fraction + 1e-9) > Math.Floor(index * fraction + 1e-9);

    private static byte[] Body(object value) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value));

    private sealed class NodeActions
    {
        public long Deliveries;
        public long Applied;
        public volatile bool Fail;
        public volatile bool UnhealthyAfter;
        public volatile bool MadeUnhealthy;
        public readonly ConcurrentDictionary<string, Lazy<Task<(int, byte[])>>> ByKey = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, long> AppliedByPath = new(StringComparer.Ordinal);
    }
}
