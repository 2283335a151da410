using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Bad HTTP input: a problem+json 4xx naming the field, and no run started.</summary>
public sealed class BadInputTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    public static TheoryData<string, string, int> Cases => new()
    {
        { "{\"targets\": [", "body", 400 },
        { "", "body", 400 },
        { "null", "body", 400 },
        { "{\"targets\": [], \"checks\": [{\"kind\":\"tcp\"}]}", "targets", 400 },
        { "{\"checks\": [{\"kind\":\"tcp\"}]}", "targets", 400 },
        { "{\"targets\": [{\"name\":\"a\",\"address\":\"127.0.0.1:1\"}], \"checks\": [{\"kind\":\"icmp\"}]}", "checks[0].kind", 400 },
        { "{\"targets\": [{\"name\":\"a\",\"address\":\"127.0.0.1:1\"}], \"checks\": [{\"port\":1}]}", "checks[0].kind", 400 },
        { "{\"targets\": [{\"name\":\"a\",\"address\":\"127.0.0.1:99999\"}], \"checks\": [{\"kind\":\"tcp\"}]}", "targets[0].address", 400 },
        { "{\"tragets\": []}", "tragets", 400 },
        { "{\"targets\": [{\"name\":\"a\",\"address\":\"127.0.0.1:1\"}], \"checks\": [{\"kind\":\"tcp\"}], \"options\": {\"concurrency\": 0}}", "options.concurrency", 400 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Invalid_body_is_a_problem_naming_the_field_and_starts_nothing(string body, string field, int status)
    {
        var before = (await env.Api.ListRunsAsync()).Count;
        using var response = await env.Api.PostSweepAsync(body);
        await AssertProblemAsync(response, status, field);
        Assert.Equal(before, (await env.Api.ListRunsAsync()).Count);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_problem_naming_the_body_and_starts_nothing()
    {
        var before = (await env.Api.ListRunsAsync()).Count;
        var huge = new StringBuilder("{\"targets\":[");
        for (var i = 0; huge.Length < 17 * 1024 * 1024; i++) huge.Append($"{{\"name\":\"n{i}\",\"address\":\"127.0.0.1:{1 + i % 60000}\"}},");
        huge.Append("{\"name\":\"last\",\"address\":\"127.0.0.1:1\"}],\"checks\":[{\"kind\":\"tcp\"}]}");
        // As curl does for large bodies: the server can refuse before the client uploads 17 MB.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sweeps") { Content = new StringContent(huge.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await env.Api.Http.SendAsync(request);
        await AssertProblemAsync(response, 413, "body");
        Assert.Equal(before, (await env.Api.ListRunsAsync()).Count);
    }

    [Fact]
    public async Task Problems_multiplied_by_targets_and_checks_come_back_capped()
    {
        // 100 targets without a port × 10,000 tcp checks without one: a million problems in a 150 KB body.
        var body = $$"""{"targets":[{{string.Join(",", Enumerable.Range(0, 100).Select(i => $"{{\"name\":\"n{i}\",\"address\":\"host-{i}.invalid\"}}"))}}],"checks":[{{string.Join(",", Enumerable.Repeat("{\"kind\":\"tcp\"}", 10_000))}}]}""";
        using var response = await env.Api.PostSweepAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        await AssertProblemAsync(response, 400, "targets[0].address");
        Assert.Equal(101, JsonNode.Parse(text)!["errors"]!.AsArray().Count);
        Assert.InRange(text.Length, 1, 64 * 1024);
    }

    [Fact]
    public async Task A_huge_bad_value_is_not_echoed_back()
    {
        using var response = await env.Api.PostSweepAsync($$"""{"targets":[{"name":"a","address":"{{new string('x', 1 << 20)}}"}],"checks":[{"kind":"tcp"}]}""");
        var text = await response.Content.ReadAsStringAsync();

        await AssertProblemAsync(response, 400, "targets[0].address");
        Assert.InRange(text.Length, 1, 4 * 1024);
    }

    [Fact]
    public async Task Non_json_content_type_is_415_problem()
    {
        using var response = await env.Api.Http.PostAsync("/api/sweeps", new StringContent("targets=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await AssertProblemAsync(response, 415, "Content-Type");
    }

    [Fact]
    public async Task Bad_list_filter_is_a_problem_naming_the_parameter()
    {
        using var response = await env.Api.Http.GetAsync("/api/runs?status=Sleeping");
        await AssertProblemAsync(response, 400, "status");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        var fields = problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains(field, fields);
        Assert.Contains(field, problem["detail"]!.GetValue<string>());
    }
}
