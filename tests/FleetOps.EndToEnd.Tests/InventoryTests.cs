using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Simulator;
using FleetOps.Api;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Inventories uploaded once and swept by name with a selector, and inline inventories, through the self-host.</summary>
public sealed class InventoryTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    private static string AnsibleIni(SimulatedFleet fleet)
    {
        var sb = new StringBuilder();
        foreach (var group in fleet.Nodes.GroupBy(n => n.Labels["group"]))
        {
            sb.AppendLine($"[{group.Key}]");
            foreach (var n in group) sb.AppendLine($"{n.Name} ansible_host=127.0.0.1 ansible_port={n.Port} zone={n.Labels["zone"]}");
            sb.AppendLine();
        }
        sb.AppendLine("[all:vars]\nenv=test");
        return sb.ToString();
    }

    private Task<HttpResponseMessage> PutAsync(string name, string text, string? format = null) =>
        env.Api.SendAsync(Routes.PutInventory, [name], new StringContent(text, Encoding.UTF8, "text/plain"), [new(InventoriesApi.FormatQuery, format)]);

    [Fact]
    public async Task An_uploaded_ansible_inventory_is_swept_by_name_with_a_selector()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 30, Down = 0.1 });
        var name = "inv-" + Guid.NewGuid().ToString("N")[..8];
        using (var put = await PutAsync(name, AnsibleIni(fleet)))
        {
            Assert.Equal(201, (int)put.StatusCode);
            var summary = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
            Assert.Equal("ansible-ini", summary["format"]!.GetValue<string>());
            Assert.Equal(30, summary["hosts"]!.GetValue<int>());
        }
        using (var again = await PutAsync(name, AnsibleIni(fleet))) Assert.Equal(200, (int)again.StatusCode);

        var expected = fleet.Nodes.Where(n => n.Labels["group"] == "web" && n.Labels["zone"] != "b").Select(n => n.Name).Order().ToList();
        using (var get = await env.Api.SendAsync(Routes.GetInventory, [name], query: [new(InventoriesApi.SelectorQuery, "group=web,zone!=b")]))
            Assert.Equal(expected.Count, JsonNode.Parse(await get.Content.ReadAsStringAsync())!["selected"]!.GetValue<int>());

        var id = await env.Api.StartSweepAsync($$"""{"inventory":"{{name}}","selector":"group=web,zone!=b","checks":[{"kind":"http","path":"/health"}]}""");
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        var results = (await env.Api.GetReportAsync(id))["results"]!.AsArray();
        Assert.Equal(expected, results.Select(r => r!["name"]!.GetValue<string>()).Order());
        // Ansible vars became labels; the group is there too.
        Assert.All(results, r => Assert.Equal("test", r!["labels"]!["env"]!.GetValue<string>()));
        foreach (var r in results)
            Assert.Equal(fleet.ExpectedFault(r!["name"]!.GetValue<string>()) == NodeFault.None, r["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_second_sweep_of_an_inventory_reports_what_changed_as_html_markdown_and_json()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 12 });
        var name = "diff-" + Guid.NewGuid().ToString("N")[..8];
        using (await PutAsync(name, AnsibleIni(fleet))) { }
        var sweep = $$$"""{"inventory":"{{{name}}}","checks":[{"kind":"http","path":"/health"}],"options":{"timeoutMs":1000}}""";
        var first = await env.Api.StartSweepAsync(sweep);
        await env.Api.WaitForRunAsync(first, TimeSpan.FromSeconds(60));

        var broken = fleet.Nodes[3].Name;
        fleet.SetFault(broken, NodeFault.WrongStatus);
        var second = await env.Api.StartSweepAsync(sweep);
        await env.Api.WaitForRunAsync(second, TimeSpan.FromSeconds(60));

        using var json = await env.Api.SendAsync(Routes.GetRunReport, [second], query: [new(ReportsApi.DiffQuery, "previous")]);
        var diff = JsonNode.Parse(await json.Content.ReadAsStringAsync())!["diff"]!;
        Assert.Equal([broken], diff["newFailures"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Empty(diff["recoveries"]!.AsArray());

        using var html = await env.Api.SendAsync(Routes.GetRunReport, [second], query: [new(ReportsApi.FormatQuery, "html"), new(ReportsApi.DiffQuery, "previous")]);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("id=\"status-grid\"", page);
        Assert.Contains("id=\"diff\"", page);
        Assert.Contains(broken, page);

        using var markdown = await env.Api.SendAsync(Routes.GetRunReport, [second], query: [new(ReportsApi.FormatQuery, "markdown")]);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Contains(broken, await markdown.Content.ReadAsStringAsync());

        using var first_has_no_previous = await env.Api.SendAsync(Routes.GetRunReport, [first], query: [new(ReportsApi.DiffQuery, "previous")]);
        Assert.Equal(400, (int)first_has_no_previous.StatusCode);
        using var bad_format = await env.Api.SendAsync(Routes.GetRunReport, [first], query: [new(ReportsApi.FormatQuery, "pdf")]);
        Assert.Equal("format", JsonNode.Parse(await bad_format.Content.ReadAsStringAsync())!["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_inline_file_sd_inventory_is_swept()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 6 });
        var fileSd = new JsonArray(new JsonObject
        {
            ["targets"] = new JsonArray(fleet.Nodes.Select(n => (JsonNode)n.Address).ToArray()),
            ["labels"] = new JsonObject { ["job"] = "node" },
        }).ToJsonString();
        var request = new JsonObject
        {
            ["inventoryInline"] = new JsonObject { ["format"] = "file-sd", ["content"] = fileSd },
            ["checks"] = new JsonArray(new JsonObject { ["kind"] = "tcp" }),
        };
        var id = await env.Api.StartSweepAsync(request.ToJsonString());
        var run = await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal(6, run["summary"]!["ok"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("[web\nweb01 ansible_port=99999\n", "body")]
    [InlineData("", "body")]
    public async Task A_bad_inventory_is_a_problem_naming_where(string text, string field)
    {
        using var put = await PutAsync("bad-" + Guid.NewGuid().ToString("N")[..8], text, "ansible-ini");
        Assert.Equal(400, (int)put.StatusCode);
        var problem = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        Assert.Equal(field, problem["errors"]![0]!["field"]!.GetValue<string>());
        if (text.Length > 0) Assert.Contains("line", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"inventory":"no-such-inventory","checks":[{"kind":"tcp"}]}""", "inventory")]
    [InlineData("""{"inventory":"x","targets":[],"checks":[{"kind":"tcp"}]}""", "inventory")]
    [InlineData("""{"targets":[{"name":"a","address":"127.0.0.1:1"}],"selector":"group in (web","checks":[{"kind":"tcp"}]}""", "selector")]
    [InlineData("""{"targets":[{"name":"a","address":"127.0.0.1:1"}],"selector":"group=db","checks":[{"kind":"tcp"}]}""", "selector")]
    [InlineData("""{"inventoryInline":{"format":"toml","content":"x"},"checks":[{"kind":"tcp"}]}""", "inventoryInline.format")]
    public async Task A_sweep_with_a_bad_target_source_is_a_problem_naming_the_field(string body, string field)
    {
        using var response = await env.Api.PostSweepAsync(body);
        Assert.Equal(400, (int)response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(field, problem["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_inventory_is_404_and_delete_removes_one()
    {
        using (var missing = await env.Api.SendAsync(Routes.GetInventory, ["nope-" + Guid.NewGuid().ToString("N")[..6]]))
            Assert.Equal(404, (int)missing.StatusCode);
        var name = "del-" + Guid.NewGuid().ToString("N")[..8];
        using (await PutAsync(name, "[g]\nh1 ansible_host=127.0.0.1 ansible_port=1\n")) { }
        using (var del = await env.Api.SendAsync(Routes.DeleteInventory, [name])) Assert.Equal(200, (int)del.StatusCode);
        using (var gone = await env.Api.SendAsync(Routes.GetInventory, [name])) Assert.Equal(404, (int)gone.StatusCode);
    }
}
