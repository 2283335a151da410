namespace FleetOps.Simulator.Tests.Support;

/// <summary>HttpClients for probing nodes: no proxy, short connect timeout, a caller-chosen overall timeout.</summary>
public static class NodeHttp
{
    public static HttpClient Client(TimeSpan timeout, int maxConnectionsPerServer = 4) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            MaxConnectionsPerServer = maxConnectionsPerServer,
        })
        { Timeout = timeout };

    public static Uri HealthOf(SimulatedNode node) => new($"http://{node.Address}/health");
}
