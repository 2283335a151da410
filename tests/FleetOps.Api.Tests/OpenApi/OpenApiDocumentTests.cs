using System.Text.Json.Nodes;
using FleetOps.Api.OpenApi;
using FleetOps.Core.Checks;

namespace FleetOps.Api.Tests.OpenApi;

public sealed class OpenApiDocumentTests
{
    private static readonly JsonNode Document = JsonNode.Parse(OpenApiDocument.Json)!;

    [Fact]
    public void Every_route_is_described_with_its_verb_parameters_and_errors()
    {
        var operations = Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Verb: o.Key.ToUpperInvariant(), Operation: o.Value!)))
            .ToList();
        Assert.Equal(Routes.Table.Select(r => $"{r.Name} {r}").Order(),
            operations.Select(o => $"{o.Operation["operationId"]} {o.Verb} {o.Path}").Order());
        foreach (var route in Routes.Table)
        {
            var operation = operations.Single(o => o.Operation["operationId"]!.GetValue<string>() == route.Name).Operation;
            var parameters = operation["parameters"]?.AsArray().Select(p => $"{p!["in"]}:{p["name"]}").ToList() ?? [];
            Assert.Equal([.. route.Parameters.Select(p => $"path:{p}"), .. route.Query.Select(q => $"query:{q}")], parameters);
            Assert.Equal("#/components/schemas/Problem", operation["responses"]!["4XX"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Every_route_that_takes_a_body_says_what_it_takes()
    {
        foreach (var route in Routes.Table.Where(r => r.Method is "POST" or "PUT"))
        {
            var described = OpenApiBodies.Json.ContainsKey(route.Name) || OpenApiBodies.Files.Contains(route.Name) || OpenApiBodies.None.Contains(route.Name);
            Assert.True(described, $"{route.Name}: add its body to OpenApiBodies (Json, Files or None)");
        }
        Assert.All(OpenApiBodies.Json.Keys.Concat(OpenApiBodies.Files).Concat(OpenApiBodies.None), name => Assert.Contains(Routes.Table, r => r.Name == name));
    }

    [Fact]
    public void A_sweep_body_is_strict_and_a_check_is_one_of_the_registered_kinds()
    {
        var sweep = Document["components"]!["schemas"]!["SweepRequest"]!;
        Assert.False(sweep["additionalProperties"]!.GetValue<bool>());
        Assert.NotNull(sweep["properties"]!["targets"]);
        var kinds = sweep["properties"]!["checks"]!.ToJsonString();
        foreach (var kind in CheckKinds.All)
            Assert.Contains($"{{\"const\":\"{kind.Name}\"}}", kinds);
    }

    [Fact]
    public void The_api_key_is_the_default_security_and_problems_name_fields()
    {
        var schemes = Document["components"]!["securitySchemes"]!;
        Assert.Equal("x-functions-key", schemes["functionKey"]!["name"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal(2, Document["security"]!.AsArray().Count);
        Assert.NotNull(Document["components"]!["schemas"]!["Problem"]!["properties"]!["errors"]!["items"]!["properties"]!["field"]);
    }
}
