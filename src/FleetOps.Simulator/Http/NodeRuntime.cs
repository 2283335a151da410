using System.Text;
using System.Text.Json;
using FleetOps.Simulator.Metrics;

namespace FleetOps.Simulator.Http;

/// <summary>
/// What the request handlers need about one node. The response bodies and the traffic counters are made on first use
/// and then kept: a large fleet of which a sample is probed does not pay for the rest.
/// </summary>
internal sealed class NodeRuntime(string name, NodeFault fault, GrpcFault grpcFault = GrpcFault.Serving)
{
    private volatile NodeFault _fault = fault;
    private volatile GrpcFault _grpcFault = grpcFault;
    private byte[]? _upBody;
    private byte[]? _downBody;
    private NodeTraffic? _traffic;

    public string Name { get; } = name;

    /// <summary>Changed by <see cref="SimulatedFleet.SetFault"/>; read on every request.</summary>
    public NodeFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    /// <summary>Changed by <see cref="SimulatedFleet.SetGrpcFault"/>; read on every call.</summary>
    public GrpcFault GrpcFault
    {
        get => _grpcFault;
        set => _grpcFault = value;
    }

    // A race builds the same bytes twice; either copy is fine.
    public byte[] UpBody => _upBody ??= Body("UP", Name);
    public byte[] DownBody => _downBody ??= Body("DOWN", Name);

    /// <summary>The node's request counters; one instance however many threads ask first.</summary>
    public NodeTraffic TrafficOn(TimeProvider time) =>
        _traffic ?? Interlocked.CompareExchange(ref _traffic, new NodeTraffic(time), null) ?? _traffic;

    private static byte[] Body(string status, string node) =>
        Encoding.UTF8.GetBytes($"{{\"status\":\"{status}\",\"node\":{JsonSerializer.Serialize(node)}}}");
}
