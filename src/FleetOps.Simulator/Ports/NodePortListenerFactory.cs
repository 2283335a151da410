using System.Net;
using Microsoft.AspNetCore.Connections;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// Kestrel transport for <see cref="NodeEndPoint"/>s: the listener is an already-open one of ours (a node's port, or an
/// accept loop of a shared port).
/// </summary>
internal sealed class NodePortListenerFactory(IReadOnlyList<IConnectionListener> listeners) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is NodeEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        endpoint is NodeEndPoint node
            ? ValueTask.FromResult(listeners[node.Index])
            : throw new NotSupportedException($"Only simulated node endpoints can be bound here, not {endpoint}.");
}
