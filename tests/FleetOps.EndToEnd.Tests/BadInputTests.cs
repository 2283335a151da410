using FleetOps.Core.Contracts;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// Bad HTTP input through the running self-host: a problem+json 4xx naming the field, and no run started. Bodies here;
/// query strings, paths and response headers in the other parts of this class.
/// </summary>
public sealed partial class BadInputTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    private const string Target = """{"name":"a","address":"127.0.0.1:1"}""";

    public static TheoryData<string, string, int> Cases => new()
    {
        { "{\"targets\": [", "body", 400 },
        { "", "body", 400 },
        { "null", "body", 400 },
        { "{\"targets\": [], \"checks\": [{\"kind\":\"tcp\"}]}", "targets", 400 },
        { "{\"checks\": [{\"kind\":\"tcp\"}]}", "targets", 400 },
        { "{\"targets\": [{\"name\":\"a\",\"address\":\"127.0.0.1:1\"}], \"checks\": [{\"kind\":\"smtp\"}]}", "checks[0].kind", 400 },
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

    /// <summary>A key given twice, anywhere in a sweep: the last one used to win silently.</summary>
    public static TheoryData<string, string> DuplicateSweeps => new()
    {
        { $$$"""{"targets":[{{{Target}}}],"targets":[{{{Target}}}],"checks":[{"kind":"tcp"}]}""", "targets" },
        { $$$"""{"targets":[{{{Target}}}],"Targets":[{{{Target}}}],"checks":[{"kind":"tcp"}]}""", "Targets" },
        { $$$"""{"targets":[{{{Target}}}],"checks":[{"kind":"tcp"}],"options":{"timeoutMs":100,"timeoutMs":200}}""", "options.timeoutMs" },
        { $$$"""{"targets":[{{{Target}}},{"name":"b","name":"c","address":"127.0.0.1:2"}],"checks":[{"kind":"tcp"}]}""", "targets[1].name" },
        { """{"targets":[{"name":"a","address":"127.0.0.1:1","labels":{"env":"prod","env":"dev"}}],"checks":[{"kind":"tcp"}]}""", "targets[0].labels.env" },
        { $$$"""{"targets":[{{{Target}}}],"checks":[{"kind":"tcp"},{"kind":"http","headers":{"X-A":"1","x-a":"2"}}]}""", "checks[1].headers.x-a" },
    };

    [Theory]
    [MemberData(nameof(DuplicateSweeps))]
    public async Task A_duplicate_key_in_a_sweep_is_a_problem_naming_it_and_starts_nothing(string body, string field)
    {
        var before = (await env.Api.ListRunsAsync()).Count;
        using var response = await env.Api.PostSweepAsync(body);
        await AssertProblemAsync(response, 400, field);
        Assert.Equal(before, (await env.Api.ListRunsAsync()).Count);
    }

    /// <summary>Rollouts answered 500 with an empty body; control bodies and inventories are JSON edges too.</summary>
    public static TheoryData<string, string, string> DuplicateElsewhere => new()
    {
        { nameof(Routes.StartRollout), $$$"""{"name":"a","name":"b","targets":[{{{Target}}}],"action":{"url":"http://{{address}}/x"}}""", "name" },
        { nameof(Routes.StartRollout), $$$"""{"targets":[{{{Target}}}],"action":{"url":"http://{{address}}/x","headers":{"X-A":"1","X-A":"2"} }}""", "action.headers.X-A" },
        { nameof(Routes.StartRollout), $$$"""{"targets":[{{{Target}}}],"action":{"url":"http://{{address}}/x"},"gate":{"checks":[{"kind":"tcp","kind":"http"}]}}""", "gate.checks[0].kind" },
        { nameof(Routes.ApproveRun), """{"by":"alice","by":"mallory"}""", "by" },
        { nameof(Routes.RetuneRun), """{"budgets":{"gateFailures":1,"gateFailures":"50%"}}""", "budgets.gateFailures" },
    };

    [Theory]
    [MemberData(nameof(DuplicateElsewhere))]
    public async Task A_duplicate_key_in_a_rollout_or_control_body_is_a_problem_naming_it(string routeName, string body, string field)
    {
        var route = Routes.Named(routeName)!;
        using var response = await env.Api.SendAsync(route, route.Parameters.Count == 0 ? [] : ["no-such-run"], FleetOpsApiClient.Json(body));
        await AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task A_duplicate_key_in_a_json_inventory_is_a_problem()
    {
        var hosts = """{"hosts":[{"name":"a","address":"127.0.0.1:1"}],"hosts":[{"name":"b","address":"127.0.0.1:2"}]}""";
        using var response = await env.Api.SendAsync(Routes.PutInventory, ["dup-" + Guid.NewGuid().ToString("N")[..8]],
            FleetOpsApiClient.Json(hosts), [new(InventoriesApi.FormatQuery, "native")]);
        await AssertProblemAsync(response, 400, "body");
        Assert.Contains("duplicate key 'hosts'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_problem_naming_the_body_and_starts_nothing()
    {
        var before = (await env.Api.ListRunsAsync()).Count;
        // As curl does for large bodies: the server can refuse before the client uploads 17 MB.
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.StartSweep.Path()) { Content = FleetOpsApiClient.Json(HugeSweep()) };
        request.Headers.ExpectContinue = true;
        using var response = await env.Api.Http.SendAsync(request);
        await AssertProblemAsync(response, 413, "body");
        Assert.Equal(before, (await env.Api.ListRunsAsync()).Count);
    }

    /// <summary>No Content-Length: the server's own cap used to answer a bare 413 before the handler's limit could.</summary>
    [Theory]
    [InlineData(nameof(Routes.StartSweep), 17 * 1024 * 1024)]
    [InlineData(nameof(Routes.StartRollout), 17 * 1024 * 1024)]
    [InlineData(nameof(Routes.PutInventory), 17 * 1024 * 1024)]
    [InlineData(nameof(Routes.ApproveRun), 65 * 1024)]
    [InlineData(nameof(Routes.RetuneRun), 65 * 1024)]
    public async Task A_chunked_body_over_the_limit_is_413_problem_naming_the_body_on_every_route_that_takes_one(string routeName, int size)
    {
        var route = Routes.Named(routeName)!;
        var bytes = Encoding.UTF8.GetBytes(HugeSweep(size));
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path(route.Parameters.Select(_ => "x").ToArray())) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await env.Api.Http.SendAsync(request);
        await AssertProblemAsync(response, 413, "body");
    }

    /// <summary>The media type is parsed: a substring "json" is not JSON, and a charset other than UTF-8 is refused.</summary>
    [Theory]
    [InlineData(nameof(Routes.StartSweep), "application/xml; profile=json", 415)]
    [InlineData(nameof(Routes.StartSweep), "text/json", 415)]
    [InlineData(nameof(Routes.StartSweep), "application/jsonp", 415)]
    [InlineData(nameof(Routes.StartSweep), "application/json; charset=utf-16", 415)]
    [InlineData(nameof(Routes.StartSweep), "application/x-www-form-urlencoded", 415)]
    [InlineData(nameof(Routes.StartRollout), "application/xml; profile=json", 415)]
    [InlineData(nameof(Routes.ApproveRun), "text/plain; x=json", 415)]
    [InlineData(nameof(Routes.PutInventory), "application/xml", 415)]
    [InlineData(nameof(Routes.PutInventory), "application/x-www-form-urlencoded", 415)]
    [InlineData(nameof(Routes.StartSweep), "APPLICATION/JSON", 400)]
    [InlineData(nameof(Routes.StartSweep), "application/problem+json; charset=UTF-8", 400)]
    [InlineData(nameof(Routes.StartRollout), "application/vnd.fleetops+json", 400)]
    public async Task A_body_media_type_is_parsed_not_searched(string routeName, string contentType, int status)
    {
        var route = Routes.Named(routeName)!;
        var content = new ByteArrayContent("""{"tragets":[]}"""u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await env.Api.SendAsync(route, route.Parameters.Select(_ => "x").ToArray(), content);
        // Accepted types reach the reader, which names the unknown field (or the inventory's problem).
        await AssertProblemAsync(response, status, status == 415 ? "Content-Type" : routeName == nameof(Routes.PutInventory) ? "body" : "tragets");
    }

    [Fact]
    public async Task Problems_multiplied_by_targets_and_checks_come_back_capped()
    {
        // 100 targets without a port × 10,000 tcp checks without one: a million problems in a 150 KB body.
        var body = $$"""{"targets":[{{string.Join(",", Enumerable.Range(0, 100).Select(i => $"{{\"name\":\"n{i}\",\"address\":\"host-{i}.invalid\"}}"))}}],"checks":[{{string.Join(",", Enumerable.Repeat("{\"kind\":\"tcp\"}", 10_000))}}]}""";
        using var response = await env.Api.PostSweepAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        await AssertProblemAsync(response, 400, "targets[0].address");
        var errors = JsonNode.Parse(text)!["errors"]!.AsArray();
        Assert.Equal(ValidationErrors.MaxReported, errors.Count);
        // The last entry counts what is not listed: all of it reaches the client, nothing is cut silently.
        Assert.StartsWith($"{100 * 10_000 - ValidationErrors.MaxListed} more problems", errors[^1]!["message"]!.GetValue<string>());
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
        using var response = await env.Api.SendAsync(Routes.StartSweep, content: new StringContent("targets=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await AssertProblemAsync(response, 415, "Content-Type");
    }

    private static string HugeSweep(int atLeast = 17 * 1024 * 1024)
    {
        var huge = new StringBuilder("{\"targets\":[");
        for (var i = 0; huge.Length < atLeast; i++) huge.Append($"{{\"name\":\"n{i}\",\"address\":\"127.0.0.1:{1 + i % 60000}\"}},");
        return huge.Append("{\"name\":\"last\",\"address\":\"127.0.0.1:1\"}],\"checks\":[{\"kind\":\"tcp\"}]}").ToString();
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, int status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        var fields = problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains(field, fields);
        Assert.Contains(field, problem["detail"]!.GetValue<string>());
        return problem;
    }
}
