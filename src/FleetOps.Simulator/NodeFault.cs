namespace FleetOps.Simulator;

/// <summary>How a simulated node misbehaves. Each fault maps onto one failure a real probe can meet.</summary>
public enum NodeFault
{
    /// <summary><c>GET /health</c> answers 200 <c>{"status":"UP","node":"node-0001"}</c> at once.</summary>
    None,

    /// <summary>Nothing listens on the node's port: a TCP connect is refused.</summary>
    Down,

    /// <summary><c>/health</c> answers 200 after <see cref="FleetSpec.SlowDelay"/>: healthy, but slow.</summary>
    Slow,

    /// <summary>TCP connects, but <c>/health</c> never answers (until the fleet is disposed).</summary>
    Hang,

    /// <summary><c>/health</c> answers <see cref="FleetSpec.WrongStatusCode"/>.</summary>
    WrongStatus,

    /// <summary>The TCP connect itself times out: the port's accept queue is full, so SYNs are dropped (Linux).</summary>
    Blackhole,
}
