using System.Net;
using Microsoft.AspNetCore.Connections;

namespace FleetOps.Simulator.Ports;

/// <summary>Kestrel transport for <see cref="NodeEndPoint"/>s: the listener is the node's already-open port.</summary>
internal sealed class NodePortListenerFactory(IReadOnlyList<NodePort> ports) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is NodeEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        endpoint is NodeEndPoint node
            ? ValueTask.FromResult<IConnectionListener>(ports[node.Index])
            : throw new NotSupportedException($"Only simulated node endpoints can be bound here, not {endpoint}.");
}
