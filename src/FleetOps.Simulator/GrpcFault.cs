namespace FleetOps.Simulator;

/// <summary>
/// How a simulated node's gRPC health service (<c>grpc.health.v1.Health/Check</c>, see <see cref="GrpcSpec"/>) misbehaves.
/// Every answer carries the node's name in the <c>x-node</c> response header.
/// </summary>
public enum GrpcFault
{
    /// <summary>Check answers SERVING for <see cref="GrpcSpec.Service"/> and for "" (the server as a whole).</summary>
    Serving,

    /// <summary>Check answers NOT_SERVING for <see cref="GrpcSpec.Service"/> and for "".</summary>
    NotServing,

    /// <summary>
    /// The node does not know <see cref="GrpcSpec.Service"/>: Check fails with NOT_FOUND, which is how the health
    /// protocol says SERVICE_UNKNOWN to a Check ("" still answers SERVING: the server itself is up).
    /// </summary>
    ServiceUnknown,

    /// <summary>Nothing listens on the node's gRPC port: a connect is refused. Port-per-node fleets only.</summary>
    Down,

    /// <summary>The call is accepted and never answered, until the client gives up (its deadline) or the fleet stops.</summary>
    Hang,
}
