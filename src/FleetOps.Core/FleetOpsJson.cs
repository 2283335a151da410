using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Core.Checks;

namespace FleetOps.Core;

/// <summary>The one JSON shape FleetOps speaks everywhere: HTTP, queue messages, blobs and orchestration payloads.</summary>
public static class FleetOpsJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            // Readable messages ("target 'web-1'"); JSON consumers don't need HTML-safe escaping.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Unknown fields are errors: a typo such as "tragets" must not silently start an empty sweep.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            // Check specs are one record per kind, told apart by "kind", which may come anywhere in the object.
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(CheckJson.Configure),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
