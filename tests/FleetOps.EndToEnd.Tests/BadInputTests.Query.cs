using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Query strings and path values: strict names, exact enum names, plain numbers; every path value escaped.</summary>
public sealed partial class BadInputTests
{
    /// <summary>route, query string (as sent), the parameter the 400 names.</summary>
    public static TheoryData<string, string, string> BadQueries => new()
    {
        { nameof(Routes.ListRuns), "status=1", "status" },
        { nameof(Routes.ListRuns), "status=running", "status" },
        { nameof(Routes.ListRuns), "status=Running,8", "status" },
        { nameof(Routes.ListRuns), "status=%20Running", "status" },
        { nameof(Routes.ListRuns), "status=Sleeping", "status" },
        { nameof(Routes.ListRuns), "status=Running&status=Failed", "status" },
        { nameof(Routes.ListRuns), "limit=%2B5", "limit" },
        { nameof(Routes.ListRuns), "limit=1e2", "limit" },
        { nameof(Routes.ListRuns), "limit=%205", "limit" },
        { nameof(Routes.ListRuns), "limit=0", "limit" },
        { nameof(Routes.ListRuns), "limit=", "limit" },
        { nameof(Routes.ListRuns), "limit=5&limit=6", "limit" },
        { nameof(Routes.ListRuns), "continuationToken=abc", "continuationToken" },
        { nameof(Routes.GetRunReport), "format=HTML", "format" },
        { nameof(Routes.GetRunReport), "format=1", "format" },
        { nameof(Routes.GetRunReport), "diff=", "diff" },
        { nameof(Routes.GetRunReport), "diff=a%2Fb", "diff" },
        { nameof(Routes.GetRunReport), "formats=html", "formats" },
        { nameof(Routes.GetRun), "verbose=1", "verbose" },
        { nameof(Routes.GetInventory), "selector=a&selector=b", "selector" },
        { nameof(Routes.PutInventory), "format=INI", "format" },
        { nameof(Routes.StartSweep), "dryRun=true", "dryRun" },
        { nameof(Routes.CancelRun), "force=1", "force" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_parameter_is_a_problem_naming_it(string routeName, string query, string field)
    {
        var route = Routes.Named(routeName)!;
        var path = route.Path(route.Parameters.Select(_ => "x").ToArray()) + "?" + query;
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = route.Method is "GET" or "DELETE" ? null : FleetOpsApiClient.Json("{}") };
        using var response = await env.Api.Http.SendAsync(request);
        await AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task Exact_names_numbers_and_the_functions_key_parameter_are_accepted()
    {
        using var response = await env.Api.Http.GetAsync(Routes.ListRuns.Path() + "?status=Running,Completed&limit=5&code=anything");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_selector_with_surrounding_spaces_is_trimmed()
    {
        var name = "sel-" + Guid.NewGuid().ToString("N")[..8];
        await env.Api.Client.PutInventoryAsync(name, "[web]\nw1 ansible_host=127.0.0.1 ansible_port=1\nw2 ansible_host=127.0.0.1 ansible_port=2\n[db]\nd1 ansible_host=127.0.0.1 ansible_port=3\n");
        var inventory = await env.Api.Client.GetInventoryAsync(name, "  group=web \t");
        Assert.Equal(2, inventory!["selected"]!.GetValue<int>());
    }

    /// <summary>The CLI used to put run ids into URLs as they were: '/', '?', '#' and '%' reached other routes or parameters.</summary>
    [Theory]
    [InlineData("a/b")]
    [InlineData("x/cancel")]
    [InlineData("a?limit=1")]
    [InlineData("a#b")]
    [InlineData("100%")]
    [InlineData("a%2Fb")]
    [InlineData("a b")]
    [InlineData("..a")]
    public async Task Every_path_value_is_escaped_and_arrives_as_it_was(string id)
    {
        var refused = await Assert.ThrowsAsync<FleetOpsApiException>(() => env.Api.Client.ControlAsync(id, "approve"));
        Assert.Equal(404, (int)refused.StatusCode!);
        Assert.Equal($"id: no run has id '{id}'", refused.Detail);
        Assert.Null(await env.Api.Client.GetRunAsync(id));

        var badName = await Assert.ThrowsAsync<FleetOpsApiException>(() => env.Api.Client.PutInventoryAsync(id, "[g]\nh ansible_host=127.0.0.1\n"));
        Assert.Equal(["name"], badName.Fields);
    }
}
