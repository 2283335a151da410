using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core;
using FleetOps.Core.Monitors;

namespace FleetOps.Cli.Apply;

/// <summary>What GET answers, as <see cref="StoredItem"/>s in the same comparable form as <see cref="DesiredItems"/> builds.</summary>
internal static class StoredItems
{
    /// <summary>GET /api/monitors/{name}: its <c>definition</c>, read and written back as the server's store compares it.</summary>
    public static StoredItem Monitor(string name, JsonNode answer)
    {
        var definition = answer["definition"].Deserialize<MonitorDefinition>(FleetOpsJson.Options) ?? new MonitorDefinition();
        return new StoredItem(ApplyKind.Monitor, name, JsonSerializer.SerializeToNode(definition with { Name = name }, FleetOpsJson.Options)!, definition.Labels);
    }

    /// <summary>GET /api/notifiers/{name}: the redacted definition as it is.</summary>
    public static StoredItem Notifier(string name, JsonNode answer) =>
        new(ApplyKind.Notifier, name, answer.DeepClone(), answer["labels"].Deserialize<Dictionary<string, string>>(FleetOpsJson.Options));
}
