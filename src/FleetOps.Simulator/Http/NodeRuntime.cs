using System.Text;
using System.Text.Json;

namespace FleetOps.Simulator.Http;

/// <summary>What the request handler needs about one node, with the response bodies encoded once up front.</summary>
internal sealed class NodeRuntime(string name, NodeFault fault)
{
    private volatile NodeFault _fault = fault;

    public string Name { get; } = name;

    /// <summary>Changed by <see cref="SimulatedFleet.SetFault"/>; read on every request.</summary>
    public NodeFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    public byte[] UpBody { get; } = Body("UP", name);
    public byte[] DownBody { get; } = Body("DOWN", name);

    private static byte[] Body(string status, string node) =>
        Encoding.UTF8.GetBytes($"{{\"status\":\"{status}\",\"node\":{JsonSerializer.Serialize(node)}}}");
}
