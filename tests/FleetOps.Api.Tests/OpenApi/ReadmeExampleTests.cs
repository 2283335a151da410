using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Api.OpenApi;
using FleetOps.Testing;
using Json.Schema;

namespace FleetOps.Api.Tests.OpenApi;

/// <summary>Every request README.md shows is valid against the OpenAPI document the hosts serve.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Every_json_block_in_the_readme_is_marked_as_a_request_or_a_response()
    {
        Assert.Empty(ReadmeExamples.Unmarked(ReadmeExamples.Text).Select(line => $"README.md:{line}: mark it <!-- request: VERB /api/... -->, <!-- response --> or <!-- settings -->"));
        Assert.NotEmpty(ReadmeExamples.Requests(ReadmeExamples.Text));
    }

    [Fact]
    public void Every_readme_request_validates_against_its_routes_body_schema_in_the_openapi_document()
    {
        foreach (var example in ReadmeExamples.Requests(ReadmeExamples.Text))
        {
            var route = RouteOf(example);
            Assert.True(OpenApiBodies.Json.TryGetValue(route.Name, out var body), $"{example}: {route.Name} takes no JSON body");
            var schema = SchemaOf(body.Name);
            foreach (var value in example.Bodies)
            {
                var result = schema.Evaluate(JsonDocument.Parse(value).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
                Assert.True(result.IsValid, $"{example}: {value}\n{Errors(result)}");
            }
        }
    }

    [Fact]
    public void A_request_the_document_does_not_allow_fails_validation_so_the_check_can_fail()
    {
        var schema = SchemaOf(OpenApiBodies.Json[Routes.StartSweep.Name].Name);
        var sweep = """{"targets":[{"name":"a","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}],"optionz":{}}""";
        Assert.False(schema.Evaluate(JsonDocument.Parse(sweep).RootElement).IsValid);
    }

    /// <summary>The document's schemas, their references rewritten from OpenAPI's components to JSON Schema's $defs.</summary>
    private static readonly string Schemas = JsonNode.Parse(OpenApiDocument.Json)!["components"]!["schemas"]!.ToJsonString()
        .Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    /// <summary>A JSON Schema of one component of the document, with every other component it refers to.</summary>
    private static JsonSchema SchemaOf(string component) => JsonSchema.FromText($$"""{"$defs":{{Schemas}},"$ref":"#/$defs/{{component}}"}""");

    /// <summary>The route whose verb and template match the example's path (a <c>{value}</c> matches one segment).</summary>
    internal static ApiRoute RouteOf(ReadmeExample example)
    {
        var segments = example.Path.TrimStart('/').Split('/');
        var matches = Routes.Table.Where(r => r.Method == example.Method)
            .Where(r => $"{Routes.Prefix}/{r.Template}".Split('/') is var template && template.Length == segments.Length &&
                        template.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second))
            .ToList();
        return Assert.Single(matches);
    }

    private static string Errors(EvaluationResults result) => string.Join("\n",
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
