using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using FleetOps.Core;
using FleetOps.Core.Checks;

namespace FleetOps.Api.OpenApi;

/// <summary>
/// JSON Schemas of the request contracts, exported from the records themselves with the edge's strict options (so an
/// unknown field is <c>additionalProperties: false</c> here as it is a 400 there). A check is one of the registered
/// kinds, told apart by <c>kind</c>: read from <see cref="CheckKinds"/>, so a new kind appears without an edit here.
/// </summary>
internal static class OpenApiSchemas
{
    private static readonly JsonSchemaExporterOptions Plain = new() { TreatNullObliviousAsNonNullable = true };

    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) =>
            context.TypeInfo.Type == typeof(CheckSpec) ? AnyCheck() : schema,
    };

    public static JsonNode For(Type type) => FleetOpsJson.Strict.GetJsonSchemaAsNode(type, Exporter);

    /// <summary>One object per kind: its own fields, and <c>kind</c> naming it.</summary>
    private static JsonObject AnyCheck() => new()
    {
        ["oneOf"] = new JsonArray([.. CheckKinds.All.Select(kind =>
        {
            var schema = FleetOpsJson.Strict.GetJsonSchemaAsNode(kind.SpecType, Plain).AsObject();
            if (schema["properties"] is not JsonObject properties) schema["properties"] = properties = [];
            properties.Remove("kind");
            properties.Insert(0, "kind", new JsonObject { ["const"] = kind.Name });
            schema["required"] = new JsonArray([.. (schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).Append("kind").Distinct().Select(r => (JsonNode)r)]);
            return (JsonNode)schema;
        })]),
    };

    /// <summary>RFC 9457 problem details as FleetOps writes them: errors name the field at fault.</summary>
    public static JsonObject Problem() => JsonNode.Parse("""
        {
          "type": "object",
          "required": ["type", "title", "status", "detail"],
          "properties": {
            "type": { "type": "string" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "detail": { "type": "string" },
            "instance": { "type": "string" },
            "errors": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": { "field": { "type": "string" }, "message": { "type": "string" } }
              }
            },
            "moreErrors": { "type": "integer" },
            "correlationId": { "type": "string", "description": "on a 500: find the exception in the host's log by it" }
          }
        }
        """)!.AsObject();
}
