using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Testing;
using FleetOps.Testing.Fuzz;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// Mutants of valid requests through the RUNNING self-host (the in-process half, with many more cases, is
/// tests/FleetOps.Api.Tests/RequestFuzzTests). Every route that takes a body or a query answers a 2xx or a 4xx
/// problem+json of at most 64 KiB, never a 5xx or an empty body; every message on sweep-requests and rollout-requests
/// ends started or in its poison queue with a reason, never stuck. Seeded (<see cref="FuzzRunner"/>): a failure prints
/// the seed, the case and the input. The case counts keep this class lean (about 20 s of CI time besides the host's start); FLEETOPS_FUZZ_CASES runs more.
/// </summary>
public sealed class RequestFuzzTests(RequestFuzzTests.Fixture env, ITestOutputHelper output) : IClassFixture<RequestFuzzTests.Fixture>
{
    /// <summary>HTTP requests per CI run: few, as the in-process edge (Api tests) runs the many; this proves Kestrel and the middleware keep the rules.</summary>
    public const int HttpCaseCount = 60;

    /// <summary>Messages per CI run, over both queues.</summary>
    public const int QueueCaseCount = 8;

    private static readonly string[] Queues = ["sweep-requests", "rollout-requests"];

    /// <summary>The host, with a stored inventory, a completed sweep and a rollout waiting for approval to aim at.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SelfHostEnvironment Env { get; } = new();
        public FuzzTargets Targets { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Env.InitializeAsync();
            var api = Env.Api;
            using (var put = await api.SendAsync(Routes.PutInventory, [RequestCorpus.StoredInventory], FleetOpsApiClient.Json(RequestCorpus.Inventories[1].Text),
                       [new(InventoriesApi.FormatQuery, "native")]))
                Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            var sweep = await api.StartSweepAsync("""{"requestId":"fuzz-target-sweep","targets":[{"name":"t","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}]}""");
            var rollout = await api.StartRolloutAsync("""
                {"requestId":"fuzz-target-rollout","targets":[{"name":"hold-1","address":"127.0.0.1:1"}],
                 "action":{"url":"http://{{address}}/x","timeoutMs":100},"approval":{"mode":"before-first","timeoutSeconds":3600}}
                """);
            // Both run at once: the fixture's wait is the longer of the two, not their sum.
            await Task.WhenAll(api.WaitForRunAsync(sweep, TimeSpan.FromSeconds(60)), api.WaitForStateAsync(rollout, "waiting-approval"));
            Targets = new FuzzTargets(rollout, sweep, RequestCorpus.StoredInventory);
        }

        public Task DisposeAsync() => Env.DisposeAsync();
    }

    [Fact]
    public async Task Every_route_answers_a_2xx_or_a_bounded_4xx_problem_to_mutated_requests()
    {
        using var http = env.Env.Host.CreateClient();
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var ran = await FuzzRunner.RunAsync("e2e-http", HttpCaseCount, r => HttpCases.Next(r, env.Targets, FuzzLimits.Http), async (call, _) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(call.Route.Method), call.PathAndQuery);
            if (call.Body is { } body)
            {
                request.Content = new ByteArrayContent(body.Bytes);
                if (call.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var bytes = await ReadAtMostAsync(response.Content, EdgeRules.MaxSuccessBytes + 1);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            EdgeRules.CheckResponse(status, response.Content.Headers.ContentType?.MediaType, bytes);
        }, call => call.ToString());

        output.WriteLine($"{ran} HTTP cases (seed {FuzzRunner.Seed}) in {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.False(env.Env.Host.Process.HasExited, env.Env.Host.Process.Output());
    }

    [Fact]
    public async Task Every_mutated_queue_message_is_started_or_poisoned_with_a_reason()
    {
        var seed = FuzzRunner.Seed;
        var clock = Stopwatch.StartNew();
        var sent = new List<SentMessage>();
        for (var i = 0; i < FuzzRunner.Cases(QueueCaseCount); i++)
        {
            var (queue, body) = FuzzRunner.Generate(QueueCase, seed, i);
            var client = new QueueClient(env.Env.Storage.ConnectionString, queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            await client.CreateIfNotExistsAsync();
            var receipt = await client.SendMessageAsync(new BinaryData(body.Bytes));
            sent.Add(new SentMessage(i, queue, receipt.Value.MessageId, body));
        }

        var poisoned = new Dictionary<string, JsonNode>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await CollectPoisonAsync(poisoned);
            var waiting = 0;
            foreach (var queue in Queues)
                waiting += (await new QueueClient(env.Env.Storage.ConnectionString, queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (waiting == 0) break;
            if (DateTime.UtcNow > deadline)
            {
                var stuck = sent.First(m => !poisoned.ContainsKey(m.MessageId));
                throw FuzzRunner.Failure("e2e-queues", seed, stuck.Case, stuck.ToString(),
                    new TimeoutException($"{waiting} message(s) still on the live queues after 120 s; the first not poisoned is {stuck.MessageId}"));
            }
            await Task.Delay(500);
        }
        await CollectPoisonAsync(poisoned);

        var started = 0;
        foreach (var message in sent)
        {
            if (poisoned.TryGetValue(message.MessageId, out var record))
            {
                if (record["reason"]?.GetValue<string>() is not { Length: > 0 })
                    throw FuzzRunner.Failure("e2e-queues", seed, message.Case, message.ToString(), new InvalidDataException($"poisoned without a reason: {record.ToJsonString()}"));
                continue;
            }
            var ids = new[] { RequestIdOf(message.Body.Bytes), message.MessageId }.OfType<string>();
            var found = false;
            foreach (var id in ids) found = found || await env.Env.Api.GetRunAsync(id) is not null;
            if (!found)
                throw FuzzRunner.Failure("e2e-queues", seed, message.Case, message.ToString(),
                    new InvalidDataException($"message {message.MessageId} left {message.Queue} but is neither poisoned nor a run ({string.Join(", ", ids)})"));
            started++;
        }
        output.WriteLine($"{sent.Count} queue cases (seed {seed}) settled in {clock.Elapsed.TotalSeconds:0.0} s: {started} started, {sent.Count - started} poisoned with a reason");
        Assert.False(env.Env.Host.Process.OutputContains("DROPPED"), env.Env.Host.Process.Output());
        Assert.False(env.Env.Host.Process.HasExited, env.Env.Host.Process.Output());
    }

    private sealed record SentMessage(int Case, string Queue, string MessageId, FuzzBody Body)
    {
        public override string ToString() => $"{Queue} message {MessageId}: {Body}";
    }

    private static (string Queue, FuzzBody Body) QueueCase(FuzzRandom r) =>
        r.Chance(0.5)
            ? (Queues[0], BodyFuzz.Json(r, RequestCorpus.Sweeps, FuzzLimits.Queue, "sweep"))
            : (Queues[1], BodyFuzz.Json(r, RequestCorpus.Rollouts, FuzzLimits.Queue, "rollout"));

    /// <summary>Moves every poison record off both poison queues into <paramref name="records"/>, by message id; each must fit a queue message.</summary>
    private async Task CollectPoisonAsync(Dictionary<string, JsonNode> records)
    {
        foreach (var queue in Queues)
        {
            var poison = new QueueClient(env.Env.Storage.ConnectionString, queue + "-poison");
            await poison.CreateIfNotExistsAsync();
            while (true)
            {
                var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
                if (batch.Length == 0) break;
                foreach (var m in batch)
                {
                    var text = m.Body.ToString();
                    Assert.True(text.Length <= 64 * 1024, $"a poison record of {text.Length} characters");
                    var record = JsonNode.Parse(Convert.FromBase64String(text))!;
                    records[record["messageId"]!.GetValue<string>()] = record;
                    await poison.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                }
            }
        }
    }

    /// <summary>The requestId a message names, if it is a JSON object with one; the run then has that id.</summary>
    private static string? RequestIdOf(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o
                ? o.FirstOrDefault(p => p.Key.Equals("requestId", StringComparison.OrdinalIgnoreCase)).Value is JsonValue v && v.TryGetValue<string>(out var id) ? id : null
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadAtMostAsync(HttpContent content, int max)
    {
        await using var stream = await content.ReadAsStreamAsync();
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < max && (read = await stream.ReadAsync(chunk)) > 0) buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
