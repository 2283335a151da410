using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Core.Contracts;
using FleetOps.Workflows.Inventories;

namespace FleetOps.EndToEnd.Tests;

/// <summary>What the edge answers: bounded problem bodies, problems for failures and unknown routes, browser headers.</summary>
public sealed partial class BadInputTests
{
    [Fact]
    public async Task A_huge_bad_value_and_thousands_of_errors_give_a_problem_body_under_the_documented_cap()
    {
        var mib = new string('x', 1024 * 1024);
        var targets = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"name":"t{{i}}","address":"{{(i == 0 ? mib : "bad address " + i)}}"}"""));
        using var response = await env.Api.PostSweepAsync($$"""{"targets":[{{targets}}],"checks":[{"kind":"tcp"}]}""");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.True(bytes.Length <= ProblemCaps.MaxBodyBytes, $"{bytes.Length} bytes");
        var problem = JsonNode.Parse(bytes)!;
        // The validator lists the first few and counts the rest in its last entry; the cap keeps every entry.
        var errors = problem["errors"]!.AsArray();
        Assert.Equal(ValidationErrors.MaxReported, errors.Count);
        Assert.Equal("targets[0].address", errors[0]!["field"]!.GetValue<string>());
        Assert.Equal(ValidationErrors.MoreField, errors[^1]!["field"]!.GetValue<string>());
        var more = errors[^1]!["message"]!.GetValue<string>();
        Assert.True(int.Parse(more.Split(' ')[0]) >= 3000 - ValidationErrors.MaxListed, more);
        Assert.Contains("more error", problem["detail"]!.GetValue<string>());
    }

    /// <summary>An inventory blob that no longer parses makes the handler throw: a 500 problem, never an empty body.</summary>
    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_with_a_correlation_id_and_no_stack_trace()
    {
        var name = "broken-" + Guid.NewGuid().ToString("N")[..8];
        var container = new BlobContainerClient(env.Storage.ConnectionString, InventoryStore.ContainerName);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString("{ this is not an inventory"),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["format"] = "Native" } });

        using var response = await env.Api.SendAsync(Routes.GetInventory, [name]);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        var correlationId = problem["correlationId"]!.GetValue<string>();
        Assert.Equal(correlationId, response.Headers.GetValues(Problems.CorrelationHeader).Single());
        Assert.Contains(correlationId, problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain(" at ", text);
        Assert.DoesNotContain("Exception", text);
        await RolloutKit.UntilAsync(() => env.Host.Process.Lines.Any(l => l.Contains(correlationId, StringComparison.Ordinal)), 10, "the log line with the correlation id");
    }

    [Fact]
    public async Task An_unknown_route_or_method_is_a_problem_too()
    {
        using var unknown = await env.Api.Http.GetAsync("/api/nothing-here");
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var method = await env.Api.Http.DeleteAsync(Routes.ListRuns.Path());
        Assert.Equal(405, (int)method.StatusCode);
        Assert.Equal("application/problem+json", method.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_response_says_nosniff_and_an_html_report_carries_its_policy_as_a_header()
    {
        using (var ok = await env.Api.SendAsync(Routes.ListRuns)) AssertNoSniff(ok);
        using (var bad = await env.Api.SendAsync(Routes.GetRun, ["no-such-run"])) AssertNoSniff(bad);
        using (var none = await env.Api.Http.GetAsync("/nowhere")) AssertNoSniff(none);
        using (var health = await env.Api.Http.GetAsync("/healthz")) AssertNoSniff(health);

        var id = await env.Api.StartSweepAsync("""{"targets":[{"name":"a","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}],"options":{"timeoutMs":200}}""");
        await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(60));
        using var html = await env.Api.SendAsync(Routes.GetRunReport, [id], query: [new(ReportsApi.FormatQuery, "html")]);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        AssertNoSniff(html);
        var policy = string.Join(";", html.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("default-src 'none'", policy);
        // The page's own policy (its style and script by hash) is in the header too, so the two agree.
        var page = await html.Content.ReadAsStringAsync();
        var meta = System.Text.RegularExpressions.Regex.Match(page, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;
        Assert.NotEmpty(meta);
        Assert.StartsWith(meta.TrimEnd(';', ' '), policy);
    }

    private static void AssertNoSniff(HttpResponseMessage response) =>
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
}
