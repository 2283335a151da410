using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;

namespace FleetOps.Simulator;

/// <summary>Writes nodes as the <c>targets</c> array of a sweep request, in the JSON shape FleetOps reads.</summary>
internal static class TargetsJson
{
    public static string Write(IEnumerable<SimulatedNode> nodes)
    {
        var targets = nodes.Select(node => new TargetSpec
        {
            Name = node.Name,
            Address = node.Address,
            Labels = new Dictionary<string, string>(node.Labels),
        }).ToList();
        return JsonSerializer.Serialize(targets, FleetOpsJson.Options);
    }
}
