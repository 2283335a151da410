using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Targets;
using FleetOps.Testing;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Workflows.Tests;

/// <summary>A batch that keeps failing does not sink the others: the run fails naming it and keeps every other result.</summary>
public sealed class SweepFailureTests : IAsyncLifetime
{
    private InProcessEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await InProcessEngine.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_batch_failing_all_its_retries_fails_the_run_by_name_and_the_other_batches_report()
    {
        var store = _engine.Services.GetRequiredService<SweepStore>();
        var client = _engine.Engine.Client;
        var runId = "fail-" + Guid.NewGuid().ToString("N");
        ProbeTask Task(int i) => new(new Target($"t{i}", $"127.0.0.1:{FreePorts.Next()}"), [new TcpCheck()]);
        await store.WriteBatchAsync(runId, 0, [Task(0)], default);
        await store.WriteBatchAsync(runId, 2, [Task(2)], default);
        // Batch 1's blob holds no JSON: every attempt of that activity fails.
        await _engine.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(RunStore.ContainerName)
            .GetBlobClient(SweepStore.BatchBlob(runId, 1)).UploadAsync(new BinaryData("not json"), overwrite: true);
        await client.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(SweepOrchestrator.Name), new SweepInput(runId, "failing", 3, 3, new ProbeOptions()), new StartOrchestrationOptions(runId));

        var run = await client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.True(run.FailureDetails is not null, $"output: {run.SerializedOutput}");
        Assert.Contains("1 of 3 batches failed", run.FailureDetails!.ErrorMessage);
        Assert.Contains($"batch 1: blob fleetops-runs/{runId}/batches/00001.json is not a valid", run.FailureDetails.ErrorMessage);

        var names = new List<string>();
        await foreach (var batch in store.ReadAllResultsAsync(runId, default)) names.AddRange(batch.Select(r => r.Name));
        Assert.Equal(["t0", "t2"], names);
    }
}
