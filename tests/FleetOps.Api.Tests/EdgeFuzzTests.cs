using System.Text;
using FleetOps.Api.Tests.Support;
using FleetOps.Testing;
using FleetOps.Testing.Fuzz;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Xunit.Abstractions;

namespace FleetOps.Api.Tests;

/// <summary>
/// Mutated requests of every route that takes a body or a query (sweeps, rollouts, inventory PUTs in each format, the
/// control and retune bodies, the query strings of run lists, reports and inventory reads) through the route table as
/// the self-host serves it: the query pass, the handler, the response written out. The engine and Azurite are real;
/// only Kestrel is left out (the EndToEnd half, tests/FleetOps.EndToEnd.Tests/RequestFuzzTests, goes through it).
/// Each answer is a 2xx or a 4xx problem+json of bounded size naming a field (<see cref="EdgeRules"/>); a handler
/// that throws fails the case, as the host would answer it 500. Seeded: a failure prints the seed, the case and the input.
/// </summary>
public sealed class EdgeFuzzTests(EdgeFuzzTests.Fixture env, ITestOutputHelper output) : IClassFixture<EdgeFuzzTests.Fixture>
{
    /// <summary>Requests per CI run (FLEETOPS_FUZZ_CASES runs more).</summary>
    public const int Cases = 250;

    /// <summary>An engine on Azurite with a stored inventory, a completed sweep and a rollout waiting for approval to aim at.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public InProcessEngine Engine { get; private set; } = null!;
        public FuzzTargets Targets { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Engine = await InProcessEngine.StartAsync();
            var put = await SendAsync(Engine, Routes.PutInventory, Routes.PutInventory.Path(RequestCorpus.StoredInventory) + "?format=native",
                "application/json", RequestCorpus.Inventories[1].Text);
            Assert.True(put.Status is 200 or 201, Encoding.UTF8.GetString(put.Body));
            var sweep = await StartAsync(Routes.StartSweep, """{"requestId":"fuzz-target-sweep","targets":[{"name":"t","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp","timeoutMs":200}]}""");
            var rollout = await StartAsync(Routes.StartRollout, """
                {"requestId":"fuzz-target-rollout","targets":[{"name":"hold-1","address":"127.0.0.1:1"}],
                 "action":{"url":"http://{{address}}/x","timeoutMs":100},"approval":{"mode":"before-first","timeoutSeconds":3600}}
                """);
            await WaitForAsync(sweep, "\"completed\"");
            await WaitForAsync(rollout, "\"waiting-approval\"");
            Targets = new FuzzTargets(rollout, sweep, RequestCorpus.StoredInventory);
        }

        private async Task<string> StartAsync(ApiRoute route, string body)
        {
            var answer = await SendAsync(Engine, route, route.Path(), "application/json", body);
            Assert.True(answer.Status == 202, Encoding.UTF8.GetString(answer.Body));
            return System.Text.Json.Nodes.JsonNode.Parse(answer.Body)!["id"]!.GetValue<string>();
        }

        /// <summary>Polls GET /api/runs/{id} until its JSON holds <paramref name="fragment"/> (a state's wire name).</summary>
        private async Task WaitForAsync(string id, string fragment)
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            string text;
            do
            {
                var run = await SendAsync(Engine, Routes.GetRun, Routes.GetRun.Path(id), null, null);
                text = Encoding.UTF8.GetString(run.Body);
                if (text.Contains(fragment, StringComparison.OrdinalIgnoreCase)) return;
                await Task.Delay(200);
            }
            while (DateTime.UtcNow < deadline);
            Assert.Fail($"run {id} never showed {fragment}: {text}");
        }

        public async Task DisposeAsync() => await Engine.DisposeAsync();
    }

    [Fact]
    public async Task Every_route_answers_a_2xx_or_a_bounded_4xx_problem_naming_the_field_to_mutated_requests()
    {
        var statuses = new SortedDictionary<int, int>();
        var ran = await FuzzRunner.RunAsync("edge", Cases, r => HttpCases.Next(r, env.Targets, FuzzLimits.InProcess), async (call, _) =>
        {
            var answer = await SendAsync(env.Engine, call.Route, call.PathAndQuery, call.ContentType, call.Body?.Bytes);
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
            EdgeRules.CheckResponse(answer.Status, answer.MediaType, answer.Body);
        }, call => call.ToString());

        output.WriteLine($"{ran} edge cases (seed {FuzzRunner.Seed}): {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        // A fuzz run that never gets past the readers, or never refuses, tests little: both must happen.
        Assert.Contains(statuses.Keys, s => s is >= 200 and < 300);
        Assert.Contains(statuses.Keys, s => s is 400);
    }

    private sealed record Answer(int Status, string? MediaType, byte[] Body);

    /// <summary>One request as RunEndpoints serves it: the query pass, then the route's handler, the response written out.</summary>
    private static async Task<Answer> SendAsync(InProcessEngine engine, ApiRoute route, string pathAndQuery, string? contentType, object? body)
    {
        var context = new DefaultHttpContext { RequestServices = engine.Services };
        var request = context.Request;
        request.Method = route.Method;
        var at = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var rawPath = at >= 0 ? pathAndQuery[..at] : pathAndQuery;
        request.Path = PathString.FromUriComponent(rawPath);
        if (at >= 0) request.QueryString = new QueryString(pathAndQuery[at..]);
        var bytes = body switch { byte[] b => b, string s => Encoding.UTF8.GetBytes(s), _ => null };
        if (bytes is not null)
        {
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
        }
        if (contentType is not null) request.ContentType = contentType;
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        var response = QueryReader.For(request, route).Problem(request.Path.Value)
            ?? await route.Handle(new ApiCall(request, Values(route, rawPath), engine.Engine.Client, CancellationToken.None));
        await response.ExecuteAsync(context);
        var mediaType = MediaTypeHeaderValue.TryParse(context.Response.ContentType, out var media) ? media.MediaType.Value : null;
        return new Answer(context.Response.StatusCode, mediaType, responseBody.ToArray());
    }

    /// <summary>The path values, each segment unescaped once, as the self-host reads them from the raw target.</summary>
    private static Dictionary<string, string> Values(ApiRoute route, string rawPath)
    {
        var template = $"{Routes.Prefix}/{route.Template}".Split('/');
        var segments = rawPath.Split('/');
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
            if (template[i].StartsWith('{')) values[template[i][1..^1]] = Uri.UnescapeDataString(segments[i + 1]);
        return values;
    }
}
