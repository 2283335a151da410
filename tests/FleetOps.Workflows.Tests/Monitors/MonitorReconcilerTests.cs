using System.Text;
using FleetOps.Testing;
using FleetOps.Workflows.Monitors;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Workflows.Tests.Monitors;

/// <summary>
/// The reconciler against a real engine on Azurite: a monitor whose orchestration was terminated runs again after a
/// round, and an orchestration whose monitor record vanished (a crash inside a delete: no wake was sent) ends.
/// </summary>
public sealed class MonitorReconcilerTests : IAsyncLifetime
{
    private InProcessEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await InProcessEngine.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_terminated_monitor_is_started_again_and_an_orphaned_one_is_stopped()
    {
        var services = _engine.Services;
        var (client, reconciler) = (_engine.Engine.Client, services.GetRequiredService<MonitorReconciler>());
        var name = "rec-" + Guid.NewGuid().ToString("N")[..8];
        var id = MonitorIds.InstanceId(name);
        var body = $$"""{"targets":[{"name":"a","address":"127.0.0.1:{{FreePorts.Next()}}"}],"checks":[{"kind":"tcp"}],"interval":"10s"}""";
        var parsed = await services.GetRequiredService<MonitorRequestParser>().ParseAsync(Encoding.UTF8.GetBytes(body), name, default);
        await services.GetRequiredService<MonitorStarter>().ApplyAsync(parsed, client, default);
        await UntilAsync(client, id, m => m is { RuntimeStatus: OrchestrationRuntimeStatus.Running, SerializedCustomStatus: not null });

        var idle = await reconciler.ReconcileAsync(client, default);
        Assert.Equal((true, 0, 0), (idle.Ran, idle.Started, idle.Stopped)); // a running monitor is left alone

        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "test" });
        await UntilAsync(client, id, m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated);
        var round = await reconciler.ReconcileAsync(client, default);
        Assert.Equal(1, round.Started);
        await UntilAsync(client, id, m => m is { RuntimeStatus: OrchestrationRuntimeStatus.Running, SerializedCustomStatus: not null });

        // The record goes without the wake a DELETE sends: the next round wakes the orphan, and it ends itself.
        await services.GetRequiredService<MonitorStore>().DeleteAsync(name, default);
        await reconciler.ReconcileAsync(client, default);
        await UntilAsync(client, id, m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        Assert.Equal(0, (await reconciler.ReconcileAsync(client, default)).Started);
    }

    private static async Task UntilAsync(DurableTaskClient client, string id, Func<OrchestrationMetadata?, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        OrchestrationMetadata? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetInstanceAsync(id, getInputsAndOutputs: false);
            if (done(last)) return;
            await Task.Delay(250);
        }
        Assert.Fail($"{id}: still {last?.RuntimeStatus} ({last?.SerializedCustomStatus})");
    }
}
