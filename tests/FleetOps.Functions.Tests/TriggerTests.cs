using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FleetOps.Core.Contracts;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Targets;
using FleetOps.Testing;
using FleetOps.Api;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Functions.Tests;

/// <summary>
/// The Functions app's trigger methods called directly, as the Functions host would call them, with real storage
/// (Azurite) and a real engine behind the <see cref="DurableTaskClient"/>.
/// </summary>
public sealed class TriggerTests : IAsyncLifetime
{
    private InProcessEngine _engine = null!;
    private TcpListener _listener = null!;
    private int _closedPort;

    public async Task InitializeAsync()
    {
        _engine = await InProcessEngine.StartAsync();
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptForeverAsync(_listener);
        _closedPort = FreePorts.Next();
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        await _engine.DisposeAsync();
    }

    private DurableTaskClient Client => _engine.Engine.Client;
    private int OpenPort => ((IPEndPoint)_listener.LocalEndpoint).Port;
    private string SweepJson(string? requestId = null) =>
        $$"""{{{(requestId is null ? "" : $"\"requestId\":\"{requestId}\",")}}"targets":[{"name":"up","address":"127.0.0.1:{{OpenPort}}"},{"name":"down","address":"127.0.0.1:{{_closedPort}}"}],"checks":[{"kind":"tcp"}]}""";

    private RunHttpFunctions Http => ActivatorUtilities.CreateInstance<RunHttpFunctions>(_engine.Services);

    [Fact]
    public async Task Http_triggers_start_a_sweep_report_its_status_and_serve_its_report()
    {
        var (status, headers, body) = await ExecuteAsync(await Http.StartSweep(Request("POST", "/api/sweeps", SweepJson()), Client, default));
        Assert.Equal(202, status);
        var id = body!["id"]!.GetValue<string>();
        Assert.Equal($"/api/runs/{id}", headers["Location"]);

        await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        var (runStatus, _, run) = await ExecuteAsync(await Http.GetRun(Request("GET", $"/api/runs/{id}"), id, Client, default));
        Assert.Equal(200, runStatus);
        Assert.Equal("Completed", run!["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(1, run["summary"]!["ok"]!.GetValue<int>());
        Assert.Equal(1, run["summary"]!["errors"]!["refused"]!.GetValue<int>());

        var (_, _, report) = await ExecuteAsync(await Http.GetRunReport(Request("GET", $"/api/runs/{id}/report"), id, Client, default));
        Assert.Equal(["down", "up"], report!["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Http_trigger_answers_bad_input_with_a_problem_naming_the_field()
    {
        var (status, headers, body) = await ExecuteAsync(await Http.StartSweep(Request("POST", "/api/sweeps", """{"targets":[{"name":"a","address":"x:0"}],"checks":[{"kind":"tcp"}]}"""), Client, default));
        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", headers["Content-Type"]);
        Assert.Equal("targets[0].address", body!["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Queue_trigger_starts_one_run_per_message_id_even_when_delivered_twice()
    {
        var functions = ActivatorUtilities.CreateInstance<SweepQueueFunctions>(_engine.Services);
        var message = QueuesModelFactory.QueueMessage("msg-" + Guid.NewGuid().ToString("N"), "receipt", SweepJson(), dequeueCount: 1);
        await functions.OnSweepRequest(message, Client, default);
        var redelivered = QueuesModelFactory.QueueMessage(message.MessageId, "receipt-2", SweepJson(), dequeueCount: 2);
        await functions.OnSweepRequest(redelivered, Client, default);

        var run = await Client.WaitForInstanceCompletionAsync(message.MessageId, getInputsAndOutputs: false, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var instances = new List<OrchestrationMetadata>();
        await foreach (var i in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = message.MessageId })) instances.Add(i);
        Assert.Single(instances);
    }

    [Fact]
    public async Task Queue_trigger_rethrows_a_bad_message_until_the_last_attempt_then_poisons_it_with_the_reason()
    {
        var functions = ActivatorUtilities.CreateInstance<SweepQueueFunctions>(_engine.Services);
        var maxDequeue = _engine.Services.GetRequiredService<HostJson>().Queues.MaxDequeueCount;
        const string bad = """{"targets":[],"checks":[{"kind":"tcp"}]}""";
        var id = "bad-" + Guid.NewGuid().ToString("N");

        var early = await Assert.ThrowsAsync<RequestValidationException>(() =>
            functions.OnSweepRequest(QueuesModelFactory.QueueMessage(id, "r", bad, dequeueCount: maxDequeue - 1), Client, default));
        Assert.Equal("targets", early.Errors[0].Field);

        await functions.OnSweepRequest(QueuesModelFactory.QueueMessage(id, "r", bad, dequeueCount: maxDequeue), Client, default);
        var poison = _engine.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(SweepQueueHandler.QueueName + "-poison");
        var envelope = (await poison.PeekMessagesAsync(32)).Value.Select(m => JsonNode.Parse(m.Body.ToString())!)
            .Single(n => n["messageId"]!.GetValue<string>() == id);
        Assert.Equal(bad, envelope["message"]!.GetValue<string>());
        Assert.Equal("targets", envelope["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(maxDequeue, envelope["dequeueCount"]!.GetValue<int>());
        Assert.Null(await Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Activity_trigger_probes_a_stored_batch_once_and_a_redelivery_returns_the_stored_results()
    {
        var store = _engine.Services.GetRequiredService<SweepStore>();
        var runId = "act-" + Guid.NewGuid().ToString("N");
        ProbeTask Task(string name, int port) => new(new Target(name, $"127.0.0.1:{port}"), [new TcpCheck()]);
        await store.WriteBatchAsync(runId, 0, [Task("up", OpenPort), Task("down", _closedPort)], default);
        var functions = ActivatorUtilities.CreateInstance<WorkflowFunctions>(_engine.Services);
        var input = new ProbeBatchInput(runId, 0, new ProbeOptions());

        var first = await functions.ProbeBatch(input, default);
        Assert.Equal((2, 1, 1), (first.Targets, first.Ok, first.Failed));
        var stored = await store.TryReadResultsAsync(runId, 0, default);
        Assert.NotNull(stored);

        // Close the listener: if the redelivery probed again, "up" would now fail.
        _listener.Stop();
        var second = await functions.ProbeBatch(input, default);
        Assert.Equal((2, 1, 1), (second.Targets, second.Ok, second.Failed));
    }

    private static HttpRequest Request(string method, string path, string? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, Dictionary<string, string> Headers, JsonNode? Body)> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
        if (context.Response.ContentType is { } type) headers["Content-Type"] = type;
        var text = Encoding.UTF8.GetString(body.ToArray());
        return (context.Response.StatusCode, headers, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task AcceptForeverAsync(TcpListener listener)
    {
        try
        {
            while (true) (await listener.AcceptTcpClientAsync()).Dispose();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Listener stopped.
        }
    }
}
