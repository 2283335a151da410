namespace FleetOps.Simulator;

/// <summary>How a fleet's gRPC health service is carried: HTTP/2 in clear text (prior knowledge), or over TLS.</summary>
public enum GrpcTransport
{
    /// <summary>HTTP/2 without TLS ("h2c", prior knowledge): a client address <c>http://host:port</c>.</summary>
    H2c,

    /// <summary>HTTP/2 over TLS with a self-signed certificate made at start (<see cref="SimulatedFleet.GrpcCertificate"/>).</summary>
    Tls,
}

/// <summary>
/// Serves the standard gRPC health service (<c>grpc.health.v1.Health/Check</c>) on every node, on a port of its own
/// (<see cref="SimulatedNode.GrpcAddress"/>), so that gRPC can be down while HTTP is up and the other way round. Faults
/// are fractions of the fleet, spread like <see cref="FleetSpec"/>'s; <see cref="Overrides"/> win.
/// </summary>
public sealed record GrpcSpec
{
    public GrpcTransport Transport { get; init; }

    /// <summary>The service name nodes know, besides "" (the server as a whole). Any other name gets NOT_FOUND.</summary>
    public string Service { get; init; } = "fleetops.node";

    public double NotServing { get; init; }
    public double ServiceUnknown { get; init; }

    /// <summary>Refused connects; port-per-node fleets only (a shared port cannot refuse one address).</summary>
    public double Down { get; init; }

    public double Hang { get; init; }

    /// <summary>0-based node index → gRPC fault; wins over the fractions.</summary>
    public IReadOnlyDictionary<int, GrpcFault>? Overrides { get; init; }
}
