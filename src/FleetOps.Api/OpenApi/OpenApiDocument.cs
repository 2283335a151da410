using System.Text.Json.Nodes;

namespace FleetOps.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the API, generated from the route table (<see cref="Routes.Table"/>) and the contract
/// records: every route with its verb, parameters, body schema, problem+json errors and the key it needs. Built once.
/// </summary>
public static class OpenApiDocument
{
    private static readonly Lazy<byte[]> Utf8 = new(() => System.Text.Encoding.UTF8.GetBytes(Build().ToJsonString()));

    /// <summary>The document as JSON text, as <c>GET /api/openapi.json</c> serves it.</summary>
    public static string Json => System.Text.Encoding.UTF8.GetString(Utf8.Value);

    /// <summary>The document as the answer to <c>GET /api/openapi.json</c> (both hosts): built once, written as it is.</summary>
    public static ApiResponse Response() => ApiResponse.Stream(200, "application/json", (stream, ct) => stream.WriteAsync(Utf8.Value, ct).AsTask());

    internal static JsonObject Build()
    {
        var schemas = new JsonObject { ["Problem"] = OpenApiSchemas.Problem() };
        foreach (var type in OpenApiBodies.Json.Values.Distinct())
            schemas[type.Name] = OpenApiSchemas.For(type);
        var paths = new JsonObject();
        foreach (var route in Routes.Table)
        {
            var path = $"/{Routes.Prefix}/{route.Template}";
            if (paths[path] is not JsonObject item) paths[path] = item = [];
            item[route.Method.ToLowerInvariant()] = Operation(route);
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "FleetOps",
                ["version"] = typeof(OpenApiDocument).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                ["description"] = "Health sweeps, rolling operations and monitors over a fleet, each a durable orchestration. " +
                                  "Errors are RFC 9457 problem+json whose errors name the field at fault.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }, new JsonObject { ["bearer"] = new JsonArray() }),
        };
    }

    private static JsonObject Operation(ApiRoute route)
    {
        var parameters = new JsonArray();
        foreach (var name in route.Parameters)
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        foreach (var name in route.Query)
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } });
        var operation = new JsonObject { ["operationId"] = route.Name, ["summary"] = route.ToString() };
        if (parameters.Count > 0) operation["parameters"] = parameters;
        if (RequestBody(route) is { } body) operation["requestBody"] = body;
        if (route.Anonymous) operation["security"] = new JsonArray(); // the heartbeat token in the path is the credential
        operation["responses"] = new JsonObject
        {
            ["2XX"] = new JsonObject { ["description"] = "Done (200), accepted (202) or created (201): a JSON body, or the report in the format asked" },
            ["4XX"] = Problem("The request is at fault: the problem's errors name each field"),
            ["5XX"] = Problem("The host is at fault or storage is unreachable (503); a 500 carries a correlationId"),
        };
        return operation;
    }

    private static JsonObject? RequestBody(ApiRoute route)
    {
        if (OpenApiBodies.Json.TryGetValue(route.Name, out var type))
            return new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(type.Name) } },
            };
        if (OpenApiBodies.Files.Contains(route.Name))
        {
            var content = new JsonObject();
            foreach (var media in new[] { "application/json", "application/yaml", "text/plain" })
                content[media] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } };
            return new JsonObject { ["required"] = true, ["content"] = content };
        }
        return null;
    }

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Ref("Problem") } },
    };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };
}
