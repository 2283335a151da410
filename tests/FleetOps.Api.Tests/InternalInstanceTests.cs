using FleetOps.Api.Tests.Support;
using FleetOps.Core.Checks;
using FleetOps.Testing;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Api.Tests;

/// <summary>
/// An engine instance that is not a run kind is never a run, whatever its id looks like: a sweep chunk started under
/// the old id scheme (<c>{runId}-chunk-0000</c>, a valid request id) answers 404 on every run route.
/// </summary>
public sealed class InternalInstanceTests : IAsyncLifetime
{
    private InProcessEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await InProcessEngine.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task Every_run_route_answers_404_for_an_instance_that_is_not_a_run()
    {
        var client = _engine.Engine.Client;
        var id = "legacy-" + Guid.NewGuid().ToString("N")[..8] + "-chunk-0000";
        await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(SweepChunkOrchestrator.Name),
            new SweepChunkInput(id, 0, 0, new ProbeOptions(), 1), new StartOrchestrationOptions(id));
        Assert.Equal(OrchestrationRuntimeStatus.Completed,
            (await client.WaitForInstanceCompletionAsync(id, false, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token)).RuntimeStatus);

        var runs = _engine.Services.GetRequiredService<RunsApi>();
        var reports = _engine.Services.GetRequiredService<ReportsApi>();
        var rollouts = _engine.Services.GetRequiredService<RolloutsApi>();
        var path = $"/api/runs/{id}";
        var answers = new Dictionary<string, ApiResponse>
        {
            ["get"] = await runs.GetRunAsync(id, client, default),
            ["report"] = await reports.GetReportAsync(id, Http.Request("GET", path + "/report"), client, default),
            ["cancel"] = await runs.CancelAsync(id, client, default),
            ["approve"] = await rollouts.DecideAsync(id, approve: true, Http.Request("POST", path + "/approve"), client, default),
            ["reject"] = await rollouts.DecideAsync(id, approve: false, Http.Request("POST", path + "/reject"), client, default),
            ["pause"] = await rollouts.PauseAsync(id, Http.Request("POST", path + "/pause"), client, default),
            ["resume"] = await rollouts.ResumeAsync(id, Http.Request("POST", path + "/resume"), client, default),
            ["retune"] = await rollouts.RetuneAsync(id, Http.Request("POST", path + "/retune", """{"concurrency":2}"""), client, default),
        };
        foreach (var (route, answer) in answers)
        {
            var (status, body) = await Http.ReadAsync(answer);
            Assert.True(status == 404, $"{route} answered {status}: {body?.ToJsonString()}");
            Assert.Equal("id", body!["errors"]![0]!["field"]!.GetValue<string>());
        }
    }
}
