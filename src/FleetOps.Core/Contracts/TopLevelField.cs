using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Core.Contracts;

/// <summary>
/// Takes one top-level field out of a request body (matched without regard to case, as the readers match names), so
/// the rest can be read as a contract that has no such field: a queue message's <c>delete</c>, a rollout's inline
/// inventory.
/// </summary>
public static class TopLevelField
{
    /// <returns>
    /// The body without the field and the field's value; null when the body has no such field, or is not a JSON object
    /// (then the reader that follows reports where it is broken).
    /// </returns>
    public static (ReadOnlyMemory<byte> Remainder, JsonNode? Value)? Take(ReadOnlyMemory<byte> json, string name)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        var key = root?.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        if (root is null || key is null) return null;
        var value = root[key];
        root.Remove(key);
        return (JsonSerializer.SerializeToUtf8Bytes(root, FleetOpsJson.Options), value);
    }
}
