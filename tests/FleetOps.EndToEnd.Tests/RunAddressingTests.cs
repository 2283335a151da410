using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Core.Contracts;
using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// Runs as the HTTP API addresses them, through the self-host: the listing newest first across pages and filters,
/// run ids that no internal instance can take or answer to, fan-out limits, and inventory PUTs racing.
/// </summary>
public sealed class RunAddressingTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..6];

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await env.Api.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Every page of GET /api/runs (of a status, if given), following the continuation: ids per page.</summary>
    private async Task<List<List<string>>> PagesAsync(string? status, int limit)
    {
        var pages = new List<List<string>>();
        var path = $"/api/runs?limit={limit}" + (status is null ? "" : $"&status={status}");
        while (true)
        {
            var page = await GetJsonAsync(path);
            var ids = page["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
            Assert.InRange(ids.Count, 0, limit);
            pages.Add(ids);
            if (page["continuation"] is not { } continuation) return pages;
            path = page["next"]!.GetValue<string>();
            Assert.Contains("continuation=" + Uri.EscapeDataString(continuation.GetValue<string>()), path);
            Assert.True(pages.Count < 100, "the continuation never ends");
        }
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_across_pages_and_with_status_filters_whatever_their_ids()
    {
        // A listener that accepts and never answers: each run's one http check waits (on a socket of its own: the
        // simulator's ports are SO_REUSEADDR, which fleets of other test classes running alongside may share).
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var holding = Task.Run(async () =>
        {
            while (true) held.Add(await silent.AcceptTcpClientAsync());
        });
        var target = $$"""[{"name":"silent","address":"127.0.0.1:{{((IPEndPoint)silent.LocalEndpoint).Port}}"}]""";
        var prefix = Prefix();
        // Created in this order; their ids sort in another (a, b, c, f, ...), which is the engine's instance table's order.
        var ids = "mcxaqfzbk".Select(c => $"{prefix}-{c}").ToList();
        foreach (var id in ids)
            await env.Api.StartSweepAsync(RunsClient.SweepJson(target, new { timeoutMs = 30_000 }, id, """[{"kind":"http","path":"/health"}]"""));
        var cancelled = ids.Where((_, i) => i % 3 == 1).ToList();
        foreach (var id in ids) await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(60), r => r["runtimeStatus"]!.GetValue<string>() == "Running");
        foreach (var id in cancelled)
        {
            using var cancel = await env.Api.Http.PostAsync($"/api/runs/{id}/cancel", null);
            Assert.Equal(202, (int)cancel.StatusCode);
        }
        foreach (var id in cancelled) await env.Api.WaitForRunAsync(id, TimeSpan.FromSeconds(60));

        var newestFirst = Enumerable.Reverse(ids).ToList();
        var all = await PagesAsync(null, 4);
        Assert.Equal(newestFirst.Take(4), all[0]);
        Assert.Equal(newestFirst.Skip(4).Take(4), all[1]);
        Assert.Equal(newestFirst, all.SelectMany(p => p).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));

        var terminated = await PagesAsync("Terminated", 2);
        Assert.Equal(newestFirst.Where(cancelled.Contains), terminated.SelectMany(p => p).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
        var running = await PagesAsync("Running,Pending", 3);
        Assert.Equal(newestFirst.Where(id => !cancelled.Contains(id)), running.SelectMany(p => p).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));

        using (var bad = await env.Api.Http.GetAsync("/api/runs?continuation=not-a-key"))
        {
            Assert.Equal(400, (int)bad.StatusCode);
            Assert.Equal("continuation", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]![0]!["field"]!.GetValue<string>());
        }
        foreach (var id in ids.Except(cancelled)) using (await env.Api.Http.PostAsync($"/api/runs/{id}/cancel", null)) { }
        silent.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => holding);
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_run_named_like_another_runs_chunk_survives_that_run_and_chunks_are_never_runs()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 30 });
        var nightly = Prefix() + "-nightly";
        var lookalike = nightly + "-chunk-0000";
        var first = await env.Api.StartSweepAsync(RunsClient.SweepJson(fleet.ToTargetsJson(), requestId: lookalike, checksJson: """[{"kind":"tcp"}]"""));
        Assert.Equal(lookalike, first);
        Assert.Equal("Completed", (await env.Api.WaitForRunAsync(lookalike, TimeSpan.FromSeconds(90)))["runtimeStatus"]!.GetValue<string>());

        // A later sweep whose chunks, under the old naming, were "{id}-chunk-0000", ...: 30 batches in 15 chunks.
        await env.Api.StartSweepAsync(RunsClient.SweepJson(fleet.ToTargetsJson(), new { batchSize = 1, chunkBatches = 2 }, nightly, """[{"kind":"tcp"}]"""));
        var chunked = await env.Api.WaitForRunAsync(nightly, TimeSpan.FromSeconds(120));
        Assert.Equal("Completed", chunked["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(15, chunked["progress"]!["chunksTotal"]!.GetValue<int>());

        var survivor = (await env.Api.GetRunAsync(lookalike))!;
        Assert.Equal("sweep", survivor["kind"]!.GetValue<string>());
        Assert.Equal(30, survivor["summary"]!["ok"]!.GetValue<int>());
        Assert.Equal(30, (await env.Api.GetReportAsync(lookalike))["results"]!.AsArray().Count);
        Assert.Equal(30, (await env.Api.GetReportAsync(nightly))["results"]!.AsArray().Count);

        // The chunks exist in the engine, and no route answers for them as a run.
        foreach (var chunk in new[] { InternalIds.For(nightly, "chunk", 0), InternalIds.For(nightly, "chunk", 14), InternalIds.For(nightly, "chunk", 99) })
        {
            foreach (var path in new[] { $"/api/runs/{chunk}", $"/api/runs/{Uri.EscapeDataString(chunk)}" })
            {
                await AssertNoSuchRunAsync(HttpMethod.Get, path);
                await AssertNoSuchRunAsync(HttpMethod.Get, path + "/report");
                await AssertNoSuchRunAsync(HttpMethod.Get, path + "/report?format=html&diff=previous");
                foreach (var action in new[] { "cancel", "approve", "reject", "pause", "resume", "retune" })
                    await AssertNoSuchRunAsync(HttpMethod.Post, $"{path}/{action}");
            }
        }
        Assert.DoesNotContain(await env.Api.ListRunsAsync(), r => InternalIds.IsInternal(r!["id"]!.GetValue<string>()));
    }

    private async Task AssertNoSuchRunAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (path.EndsWith("/retune", StringComparison.Ordinal)) request.Content = JsonContent.Create(new { concurrency = 2 });
        using var response = await env.Api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(404 == (int)response.StatusCode, $"{method} {path} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id", JsonNode.Parse(text)!["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/sweeps", """{"requestId":"x:chunk:0000","targets":[{"name":"a","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}]}""")]
    [InlineData("/api/rollouts", """{"requestId":"x:chunk:0000","targets":[{"name":"a","address":"127.0.0.1:1"}],"action":{"url":"http://{{address}}/a"}}""")]
    public async Task A_request_id_in_the_internal_id_space_is_refused(string route, string body)
    {
        using var response = await env.Api.Http.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == "requestId");
    }

    [Fact]
    public async Task Runaway_fan_out_is_a_400_naming_the_options_and_starts_nothing()
    {
        var id = Prefix() + "-fanout";
        var targets = new JsonArray(Enumerable.Range(0, 3_000).Select(i => (JsonNode)new JsonObject { ["name"] = $"n{i}", ["address"] = "127.0.0.1:1" }).ToArray());
        using var response = await env.Api.PostSweepAsync(RunsClient.SweepJson(targets.ToJsonString(), new { batchSize = 1, chunkBatches = 1 }, id, """[{"kind":"tcp"}]"""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(400 == (int)response.StatusCode, text);
        var fields = JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("options.batchSize", fields);
        Assert.Contains("options.chunkBatches", fields);
        Assert.Null(await env.Api.GetRunAsync(id));
    }

    [Fact]
    public async Task Concurrent_puts_of_a_new_inventory_answer_201_exactly_once()
    {
        var name = Prefix() + "-inv";
        var text = "[web]\nw1 ansible_host=127.0.0.1 ansible_port=1\n";
        var puts = Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await env.Api.Http.PutAsync($"/api/inventories/{name}?format=ansible-ini", new StringContent(text, Encoding.UTF8, "text/plain"));
            return (int)response.StatusCode;
        });
        var statuses = await Task.WhenAll(puts);
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(11, statuses.Count(s => s == 200));
    }
}
