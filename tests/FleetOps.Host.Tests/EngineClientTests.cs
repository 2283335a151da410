using DurableTask.Core;
using DurableTask.Core.Exceptions;
using FleetOps.Host.Engine;
using FleetOps.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Host.Tests;

/// <summary>Waits for the "go" event and returns its payload: a workflow whose state the client can steer.</summary>
public sealed class WaitForGoOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new { waiting = "go", input });
        var payload = await context.WaitForExternalEvent<string>("go");
        return $"{input}:{payload}";
    }
}

/// <summary>Our DurableTaskClient over DurableTask.AzureStorage, against a real engine on Azurite.</summary>
public sealed class EngineClientTests : IAsyncLifetime
{
    private InProcessEngine _engine = null!;
    private static readonly TaskName WaitForGo = new(nameof(WaitForGoOrchestrator));

    public async Task InitializeAsync() => _engine = await InProcessEngine.StartAsync(services =>
    {
        services.AddTransient<WaitForGoOrchestrator>();
        services.AddSingleton(_ =>
        {
            var registry = new WorkflowRegistry();
            registry.Orchestrators[WaitForGo.Name] = typeof(WaitForGoOrchestrator);
            return registry;
        });
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private DurableTaskClient Client => _engine.Engine.Client;
    private static CancellationToken Within(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    [Fact]
    public async Task Schedule_wait_for_start_raise_event_and_wait_for_completion_round_trip_payloads()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "hello", new StartOrchestrationOptions("client-" + Guid.NewGuid().ToString("N")));
        var started = await Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, Within(30));
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.Equal(WaitForGo.Name, started.Name);
        Assert.Equal("hello", started.ReadInputAs<string>());

        await WaitUntilAsync(async () => (await Client.GetInstanceAsync(id))?.SerializedCustomStatus is not null);
        Assert.Contains("\"waiting\":\"go\"", (await Client.GetInstanceAsync(id))!.SerializedCustomStatus);

        await Client.RaiseEventAsync(id, "go", "world");
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Within(30));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("hello:world", done.ReadOutputAs<string>());
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);
    }

    [Fact]
    public async Task Suspend_and_resume_change_the_runtime_status_and_events_wait_while_suspended()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "s");
        await Client.WaitForInstanceStartAsync(id, Within(30));
        await Client.SuspendInstanceAsync(id, "maintenance");
        await WaitUntilAsync(async () => (await Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        await Client.RaiseEventAsync(id, "go", "later");
        await Task.Delay(1500);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await Client.GetInstanceAsync(id))!.RuntimeStatus);

        await Client.ResumeInstanceAsync(id, "done");
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Within(30));
        Assert.Equal("s:later", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_ends_the_instance_with_the_given_output()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "t");
        await Client.WaitForInstanceStartAsync(id, Within(30));
        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "stopped by test" });
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Within(30));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stopped by test", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_second_start_with_the_same_instance_id_is_refused_whatever_the_first_ones_state()
    {
        var id = "dedupe-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "1", new StartOrchestrationOptions(id));
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "2", new StartOrchestrationOptions(id)));
        await Client.RaiseEventAsync(id, "go", "x");
        await Client.WaitForInstanceCompletionAsync(id, Within(30));
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "3", new StartOrchestrationOptions(id)));
    }

    [Fact]
    public async Task Query_filters_by_status_and_prefix_and_purge_removes_the_instance()
    {
        var prefix = "q" + Guid.NewGuid().ToString("N")[..8] + "-";
        var running = await Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "r", new StartOrchestrationOptions(prefix + "running"));
        var finished = await Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "f", new StartOrchestrationOptions(prefix + "finished"));
        await Client.WaitForInstanceStartAsync(running, Within(30));
        await Client.WaitForInstanceStartAsync(finished, Within(30));
        await Client.RaiseEventAsync(finished, "go", "x");
        await Client.WaitForInstanceCompletionAsync(finished, Within(30));

        async Task<List<string>> Ids(OrchestrationQuery query)
        {
            var ids = new List<string>();
            await foreach (var m in Client.GetAllInstancesAsync(query)) ids.Add(m.InstanceId);
            return ids;
        }
        Assert.Equal([prefix + "finished", prefix + "running"], (await Ids(new OrchestrationQuery { InstanceIdPrefix = prefix })).Order());
        Assert.Equal([prefix + "running"], await Ids(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] }));
        // Paging: one per page still yields both.
        Assert.Equal(2, (await Ids(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 1 })).Count);

        var purged = await Client.PurgeInstanceAsync(finished);
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(finished));
        Assert.NotNull(await Client.GetInstanceAsync(running));
    }

    [Fact]
    public void Runtime_status_values_mean_the_same_in_the_sdk_and_the_engine()
    {
        foreach (var status in Enum.GetValues<OrchestrationRuntimeStatus>())
            Assert.Equal(status.ToString(), ((OrchestrationStatus)(int)status).ToString());
    }

    [Fact]
    public async Task Get_of_an_unknown_instance_is_null()
    {
        Assert.Null(await Client.GetInstanceAsync("never-" + Guid.NewGuid().ToString("N"), getInputsAndOutputs: true));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 30 s");
            await Task.Delay(200);
        }
    }
}
