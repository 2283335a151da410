using System.Text.Json.Nodes;
using FleetOps.Core.Contracts;
using FleetOps.Api;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api.Tests;

public sealed class ProblemsTests
{
    private static async Task<(HttpResponse Response, JsonNode Body)> ExecuteAsync(ApiResponse response)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await response.ExecuteAsync(context);
        return (context.Response, JsonNode.Parse(body.ToArray())!);
    }

    [Fact]
    public async Task A_validation_problem_is_rfc_9457_with_every_field()
    {
        var (response, body) = await ExecuteAsync(Problems.Validation(
            [new ValidationError("targets[1].address", "bad"), new ValidationError("options.concurrency", "0 is out of range 1-512")], "/api/sweeps"));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(400, body["status"]!.GetValue<int>());
        Assert.StartsWith("https://", body["type"]!.GetValue<string>());
        Assert.Equal("/api/sweeps", body["instance"]!.GetValue<string>());
        Assert.Equal(["targets[1].address", "options.concurrency"], body["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
        Assert.Contains("targets[1].address: bad", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headers_set_on_a_response_reach_the_client()
    {
        var (response, body) = await ExecuteAsync(ApiResponse.Json(202, new { id = "x" }).WithHeader("Location", "/api/runs/x"));
        Assert.Equal(202, response.StatusCode);
        Assert.Equal("/api/runs/x", response.Headers.Location.ToString());
        Assert.Equal("x", body["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Not_found_names_the_id()
    {
        var (response, body) = await ExecuteAsync(Problems.NotFound("abc"));
        Assert.Equal(404, response.StatusCode);
        Assert.Contains("abc", body["detail"]!.GetValue<string>());
    }
}
