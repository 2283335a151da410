using System.Text;
using System.Text.Json;

namespace FleetOps.Simulator.Http;

/// <summary>
/// What the request handler needs about one node. The response bodies are encoded on first use and then kept: a large
/// fleet of which a sample is probed does not pay for the rest.
/// </summary>
internal sealed class NodeRuntime(string name, NodeFault fault)
{
    private volatile NodeFault _fault = fault;
    private byte[]? _upBody;
    private byte[]? _downBody;

    public string Name { get; } = name;

    /// <summary>Changed by <see cref="SimulatedFleet.SetFault"/>; read on every request.</summary>
    public NodeFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    // A race builds the same bytes twice; either copy is fine.
    public byte[] UpBody => _upBody ??= Body("UP", Name);
    public byte[] DownBody => _downBody ??= Body("DOWN", Name);

    private static byte[] Body(string status, string node) =>
        Encoding.UTF8.GetBytes($"{{\"status\":\"{status}\",\"node\":{JsonSerializer.Serialize(node)}}}");
}
