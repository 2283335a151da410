using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Runs started by messages on <c>sweep-requests</c>, with Functions' queue-trigger semantics.</summary>
public sealed class QueueTriggerTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    private QueueClient Queue(string name) =>
        new(env.Storage.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    [Fact]
    public async Task A_message_starts_a_sweep_and_the_same_request_twice_starts_one_run()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 20, Down = 0.1 });
        var requestId = "q-" + Guid.NewGuid().ToString("N");
        var json = RunsClient.SweepJson(fleet.ToTargetsJson(), requestId: requestId);
        var queue = Queue("sweep-requests");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(json);
        await queue.SendMessageAsync(json);

        var run = await env.Api.WaitForRunAsync(requestId, TimeSpan.FromSeconds(90));
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(18, run["summary"]!["ok"]!.GetValue<int>());
        Assert.Equal(2, run["summary"]!["failed"]!.GetValue<int>());

        // Both messages are consumed, and only one run has this id's results.
        await WaitUntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, TimeSpan.FromSeconds(30));
        var runs = await env.Api.ListRunsAsync();
        Assert.Single(runs, r => r!["id"]!.GetValue<string>() == requestId);
        Assert.Equal(20, (await env.Api.GetReportAsync(requestId))["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_message_without_request_id_runs_under_the_message_id()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3 });
        var queue = Queue("sweep-requests");
        await queue.CreateIfNotExistsAsync();
        var sent = await queue.SendMessageAsync(RunsClient.SweepJson(fleet.ToTargetsJson()));
        var run = await env.Api.WaitForRunAsync(sent.Value.MessageId, TimeSpan.FromSeconds(90));
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_malformed_message_reaches_the_poison_queue_with_its_reason_while_the_host_keeps_serving()
    {
        var queue = Queue("sweep-requests");
        await queue.CreateIfNotExistsAsync();
        var poison = Queue("sweep-requests-poison");
        await poison.CreateIfNotExistsAsync();
        var malformed = "{\"requestId\":\"bad-" + Guid.NewGuid().ToString("N")[..8] + "\",\"targets\":[{\"name\":\"a\",\"address\":\"127.0.0.1:1\"}],\"checks\":[{\"kind\":\"smtp\"}]}";
        var sent = await queue.SendMessageAsync(malformed);

        // Meanwhile the host serves HTTP and runs other sweeps.
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 5 });
        var other = await env.Api.StartSweepAsync(RunsClient.SweepJson(fleet.ToTargetsJson()));
        Assert.Equal("Completed", (await env.Api.WaitForRunAsync(other, TimeSpan.FromSeconds(90)))["runtimeStatus"]!.GetValue<string>());

        JsonNode? envelope = null;
        await WaitUntilAsync(async () =>
        {
            foreach (var m in (await poison.PeekMessagesAsync(32)).Value)
            {
                var node = JsonNode.Parse(m.Body.ToString())!;
                if (node["messageId"]!.GetValue<string>() == sent.Value.MessageId) envelope = node;
            }
            return envelope is not null;
        }, TimeSpan.FromSeconds(90));

        Assert.Equal(5, envelope!["dequeueCount"]!.GetValue<long>());
        Assert.Equal(malformed, envelope["message"]!.GetValue<string>());
        Assert.Contains("checks[0].kind", envelope["reason"]!.GetValue<string>());
        Assert.Equal("checks[0].kind", envelope["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Null(await env.Api.GetRunAsync(JsonNode.Parse(malformed)!["requestId"]!.GetValue<string>()));
        Assert.False(env.Host.Process.HasExited);
    }

    /// <summary>The queue is a JSON edge too: a key given twice (or a bad value) is the reason the message is poisoned, named by its path.</summary>
    [Theory]
    [InlineData("sweep-requests", """{"targets":[{"name":"a","address":"127.0.0.1:1","labels":{"env":"a","env":"b"}}],"checks":[{"kind":"tcp"}]}""", "targets[0].labels.env")]
    [InlineData("rollout-requests", """{"targets":[{"name":"a","address":"127.0.0.1:1"}],"action":{"url":"http://{{address}}/x","method":"POST","method":"DELETE"}}""", "action.method")]
    [InlineData("monitor-requests", """{"name":"m-dup","targets":[{"name":"a","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}],"interval":"10s","interval":"1h"}""", "interval")]
    [InlineData("monitor-requests", """{"name":"m-bad","targets":[{"name":"a","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}],"interval":"10s","failureThreshold":0}""", "failureThreshold", "failureThreshold")]
    public async Task A_message_with_a_duplicate_key_is_poisoned_naming_it(string queueName, string message, string field, string reason = "duplicate key")
    {
        var queue = Queue(queueName);
        await queue.CreateIfNotExistsAsync();
        var poison = Queue(queueName + "-poison");
        await poison.CreateIfNotExistsAsync();
        var sent = await queue.SendMessageAsync(message);
        JsonNode? envelope = null;
        await WaitUntilAsync(async () =>
        {
            envelope = (await poison.PeekMessagesAsync(32)).Value.Select(m => JsonNode.Parse(m.Body.ToString())!)
                .FirstOrDefault(n => n["messageId"]!.GetValue<string>() == sent.Value.MessageId);
            return envelope is not null;
        }, TimeSpan.FromSeconds(90));
        Assert.Equal(field, envelope!["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Contains(reason, envelope["reason"]!.GetValue<string>());
        Assert.Null(await env.Api.GetRunAsync(sent.Value.MessageId));
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_at_once()
    {
        var raw = new QueueClient(env.Storage.ConnectionString, "sweep-requests");
        await raw.CreateIfNotExistsAsync();
        var sent = await raw.SendMessageAsync("this is {not base64}");
        var poison = Queue("sweep-requests-poison");
        await poison.CreateIfNotExistsAsync();
        JsonNode? envelope = null;
        await WaitUntilAsync(async () =>
        {
            envelope = (await poison.PeekMessagesAsync(32)).Value.Select(m => JsonNode.Parse(m.Body.ToString())!)
                .FirstOrDefault(n => n["messageId"]!.GetValue<string>() == sent.Value.MessageId);
            return envelope is not null;
        }, TimeSpan.FromSeconds(30));
        Assert.Contains("base64", envelope!["reason"]!.GetValue<string>());
        Assert.Equal(1, envelope["dequeueCount"]!.GetValue<long>());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {timeout}");
            await Task.Delay(250);
        }
    }
}
