using System.Text.Json.Nodes;
using FleetOps.Core.Contracts;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api.Tests;

/// <summary>Whatever a handler puts in a problem, the body stays under the documented cap.</summary>
public sealed class ProblemCapsTests
{
    private static async Task<byte[]> BodyAsync(ApiResponse response)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await response.ExecuteAsync(context);
        return body.ToArray();
    }

    /// <summary>Characters the JSON writer escapes as \uXXXX, characters that take 3 or 4 bytes, a broken surrogate.</summary>
    private static string Worst(int length) => string.Concat(Enumerable.Repeat("\u2028\"€😀\ud800<\u0001", length / 7 + 1))[..length];

    [Fact]
    public async Task Ten_thousand_errors_of_a_mebibyte_each_make_a_body_under_the_cap_that_counts_the_rest()
    {
        var huge = Worst(1024 * 1024);
        var errors = Enumerable.Range(0, 10_000).Select(i => new ValidationError(i == 0 ? $"targets[{i}].address{huge}" : $"targets[{i}].address", huge)).ToList();
        var bytes = await BodyAsync(Problems.Validation(errors, "/api/sweeps" + huge));
        Assert.True(bytes.Length <= ProblemCaps.MaxBodyBytes, $"{bytes.Length} bytes");
        var problem = JsonNode.Parse(bytes)!;
        Assert.Equal(ProblemCaps.MaxErrors, problem["errors"]!.AsArray().Count);
        Assert.Equal(10_000 - ProblemCaps.MaxErrors, problem["moreErrors"]!.GetValue<int>());
        Assert.StartsWith("targets[0].address", problem["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Contains($"and {10_000 - 3} more error(s)", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_problem_kind_is_capped_not_only_validation()
    {
        var huge = Worst(1024 * 1024);
        var bytes = await BodyAsync(Problems.Problem(409, "conflict", huge, huge, huge, [new ValidationError(huge, huge)]));
        Assert.True(bytes.Length <= ProblemCaps.MaxBodyBytes, $"{bytes.Length} bytes");
        Assert.Equal(409, JsonNode.Parse(bytes)!["status"]!.GetValue<int>());
    }

    [Fact]
    public void Cutting_keeps_surrogate_pairs_whole_and_replaces_control_characters()
    {
        Assert.Equal("ab?c", ProblemCaps.Cut("ab\u0007c", 10));
        Assert.Equal("a😀…", ProblemCaps.Cut("a😀bcdef", 4));
        Assert.Equal("a?…", ProblemCaps.Cut("a\ud800bcdef", 3));
        Assert.Equal("short", ProblemCaps.Cut("short", 10));
    }

    [Fact]
    public async Task A_500_names_its_correlation_id_and_nothing_else()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await Problems.Internal("corr-1", "/api/runs").ExecuteAsync(context);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("corr-1", context.Response.Headers[Problems.CorrelationHeader].ToString());
        var problem = JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!;
        Assert.Equal("corr-1", problem["correlationId"]!.GetValue<string>());
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
    }
}
