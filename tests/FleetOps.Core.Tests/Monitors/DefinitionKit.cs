using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Tests.Monitors;

/// <summary>Builds definitions as the API receives them: a valid JSON document with a patch merged in, read with strict JSON.</summary>
internal static class DefinitionKit
{
    /// <summary><paramref name="valid"/> with <paramref name="patch"/> merged in: objects merge, other values replace, null removes.</summary>
    public static T Read<T>(string valid, string patch = "{}") where T : class
    {
        var root = JsonNode.Parse(valid)!.AsObject();
        Merge(root, JsonNode.Parse(patch)!.AsObject());
        return RequestReader.Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    private static void Merge(JsonObject into, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) into.Remove(key);
            else if (value is JsonObject o && into[key] is JsonObject existing) Merge(existing, o);
            else into[key] = value.DeepClone();
        }
    }

    public static string Show(IEnumerable<ValidationError> errors) => string.Join("\n", errors.Select(e => $"{e.Field}: {e.Message}"));

    public static JsonElement Json(byte[] body) => JsonDocument.Parse(body).RootElement;
}
