using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FleetOps.Api.Tests.Support;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Testing;
using FleetOps.Workflows.Inventories;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FleetOps.Api.Tests;

/// <summary>
/// Reading a run costs the same whatever its size and however many runs there are: GET of a sweep with 20 chunks,
/// its cancel, and a report's diff=previous, each counted in engine reads.
/// </summary>
public sealed class RunReadCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private InProcessEngine _engine = null!;
    private TcpListener _silent = null!;
    private readonly List<TcpClient> _held = [];

    public async Task InitializeAsync()
    {
        _engine = await InProcessEngine.StartAsync();
        // Accepts and never answers: an http check on it waits for its timeout.
        _silent = new TcpListener(IPAddress.Loopback, 0);
        _silent.Start();
        _ = HoldEveryConnectionAsync();
    }

    private async Task HoldEveryConnectionAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _silent.AcceptTcpClientAsync();
                lock (_held) _held.Add(connection);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    public async Task DisposeAsync()
    {
        _silent.Stop();
        lock (_held) _held.ForEach(c => c.Dispose());
        await _engine.DisposeAsync();
    }

    private RunsApi Runs => _engine.Services.GetRequiredService<RunsApi>();
    private DurableTaskClient Client => _engine.Engine.Client;

    [Fact]
    public async Task A_running_sweep_of_20_chunks_is_read_and_cancelled_with_a_bounded_number_of_engine_calls()
    {
        var port = ((IPEndPoint)_silent.LocalEndpoint).Port;
        var request = new JsonObject
        {
            ["targets"] = new JsonArray(Enumerable.Range(0, 40).Select(i => (JsonNode)new JsonObject { ["name"] = $"h{i}", ["address"] = $"127.0.0.1:{port}" }).ToArray()),
            ["checks"] = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/" }),
            ["options"] = new JsonObject { ["batchSize"] = 1, ["chunkBatches"] = 2, ["timeoutMs"] = 5_000 },
        };
        var started = await Runs.StartSweepAsync(Http.Request("POST", "/api/sweeps", request.ToJsonString()), Client, default);
        var id = ((RunAccepted)started.Value!).Id;
        await WaitAsync(async () => (await Client.GetInstanceAsync(id))?.ReadCustomStatusAs<SweepProgress>() is { RunningChunks.Count: > 0 });

        var counting = new CountingClient(Client);
        var (status, run) = await Http.ReadAsync(await Runs.GetRunAsync(id, counting, default));
        Assert.Equal(200, status);
        Assert.Equal(20, run!["progress"]!["chunksTotal"]!.GetValue<int>());
        output.WriteLine($"GET of a running sweep of 20 chunks: {counting.Reads} instance reads, {counting.Queries} queries");
        Assert.InRange(counting.Reads, 1, 1 + SweepFanOut.MaxParallelChunks);
        Assert.Equal(0, counting.Queries);

        var cancelling = new CountingClient(Client);
        Assert.Equal(202, (await Runs.CancelAsync(id, cancelling, default)).Status);
        output.WriteLine($"cancel: {cancelling.Terminates} terminates, {cancelling.Reads} instance reads");
        Assert.InRange(cancelling.Terminates, 1, 1 + SweepFanOut.MaxParallelChunks);
        Assert.Equal(0, cancelling.Queries);

        // Nothing of the sweep runs on: not the sweep, not a chunk.
        await WaitAsync(async () =>
        {
            var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(k => Client.GetInstanceAsync(SweepChunkOrchestrator.InstanceId(id, k))).Append(Client.GetInstanceAsync(id)));
            return all.All(m => m is null or { IsCompleted: true });
        });
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Diff_with_the_previous_sweep_reads_no_list_of_runs()
    {
        var name = "inv-" + Guid.NewGuid().ToString("N")[..8];
        var text = $"[web]\nw1 ansible_host=127.0.0.1 ansible_port={FreePorts.Next()}\nw2 ansible_host=127.0.0.1 ansible_port={FreePorts.Next()}\n";
        await _engine.Services.GetRequiredService<InventoryStore>().PutAsync(name, InventoryFormat.AnsibleIni, text, InventoryParser.Parse(text, InventoryFormat.AnsibleIni), default);
        var body = $$$"""{"inventory":"{{{name}}}","checks":[{"kind":"tcp"}],"options":{"timeoutMs":1000}}""";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var started = await Runs.StartSweepAsync(Http.Request("POST", "/api/sweeps", body), Client, default);
            ids.Add(((RunAccepted)started.Value!).Id);
            await Client.WaitForInstanceCompletionAsync(ids[^1], false, new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        }
        // Another inventory's sweep in between changes nothing.
        var other = await Runs.StartSweepAsync(Http.Request("POST", "/api/sweeps", """{"targets":[{"name":"o","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}]}"""), Client, default);
        await Client.WaitForInstanceCompletionAsync(((RunAccepted)other.Value!).Id, false, new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);

        var reports = _engine.Services.GetRequiredService<ReportsApi>();
        var counting = new CountingClient(Client);
        var (status, report) = await Http.ReadAsync(await reports.GetReportAsync(ids[2], Http.Request("GET", $"/api/runs/{ids[2]}/report", query: "?diff=previous"), counting, default));
        Assert.Equal(200, status);
        Assert.NotNull(report!["diff"]);
        Assert.Equal(0, counting.Queries);
        Assert.InRange(counting.Reads, 1, 2);

        var (firstStatus, problem) = await Http.ReadAsync(await reports.GetReportAsync(ids[0], Http.Request("GET", $"/api/runs/{ids[0]}/report", query: "?diff=previous"), Client, default));
        Assert.Equal(400, firstStatus);
        Assert.Equal("diff", problem!["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(ids[0], await _engine.Services.GetRequiredService<PreviousSweep>().FindAsync(
            (await Client.GetInstanceAsync(ids[1], true))!, (await Client.GetInstanceAsync(ids[1], true))!.ReadInputAs<SweepInput>()!, default));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not hold within 2 minutes");
            await Task.Delay(200);
        }
    }
}
