using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Core.Checks;

namespace FleetOps.Core;

/// <summary>
/// The JSON shapes FleetOps speaks. One naming and enum style everywhere; two tolerances:
/// <list type="bullet">
/// <item><see cref="Strict"/> at the edge (HTTP bodies, queue messages, uploaded inventories): an unknown field is an
/// error, so a typo such as "tragets" cannot silently start an empty sweep.</item>
/// <item><see cref="Options"/> for everything FleetOps wrote itself and reads back later (orchestration inputs and
/// outputs, custom status, stored blobs, responses): fields added or removed by an upgrade are ignored, so in-flight
/// runs replay and old blobs read after a deploy.</item>
/// </list>
/// </summary>
public static class FleetOpsJson
{
    /// <summary>Durable payloads and responses: tolerant of fields it does not know.</summary>
    public static readonly JsonSerializerOptions Options = Create(indented: false, strict: false);

    /// <summary>Requests from outside: unknown fields are errors.</summary>
    public static readonly JsonSerializerOptions Strict = Create(indented: false, strict: true);

    public static readonly JsonSerializerOptions Indented = Create(indented: true, strict: false);

    private static JsonSerializerOptions Create(bool indented, bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            // Readable messages ("target 'web-1'"); JSON consumers don't need HTML-safe escaping.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            // Check specs are one record per kind, told apart by "kind", which may come anywhere in the object.
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(CheckJson.Configure),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
