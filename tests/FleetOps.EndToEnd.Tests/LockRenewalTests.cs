using FleetOps.Simulator;
using FleetOps.Testing;
using FleetOps.Workflows.Hosting;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// A batch activity that outlives the work-item queue's visibility timeout (host.json): DurableTask.Core renews the
/// message's invisibility every 5 s while the activity runs, so a second host polling the same task hub never
/// receives it again and the batch runs exactly once. Without the renewal the message would reappear after the
/// timeout and the other host would probe the fleet a second time.
/// </summary>
public sealed class LockRenewalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Batch_longer_than_the_visibility_timeout_runs_once_while_another_host_polls()
    {
        // The host.json both hosts run with (FLEETOPS_TEST_HOST_JSON points at another, e.g. one whose timeout is
        // under the 5 s renewal period, to watch this test fail).
        var hostJson = Environment.GetEnvironmentVariable("FLEETOPS_TEST_HOST_JSON") is { Length: > 0 } other ? other : Path.Combine(RepoPaths.Root, "host.json");
        var visibility = HostJson.Load(hostJson).Engine.WorkItemQueueVisibilityTimeout;
        // Long enough for several 5-s renewal periods and well past the timeout itself.
        var slow = TimeSpan.FromTicks(Math.Max((visibility * 2.5).Ticks, TimeSpan.FromSeconds(16).Ticks));
        const int nodes = 4;
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = nodes, Slow = 1.0, SlowDelay = slow });
        var hub = "renew" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string?> { ["FleetOps__HostJson"] = hostJson, ["FleetOps__Engine__MaxConcurrentActivities"] = "2" };
        await using var first = await HostProcess.StartAsync(_storage.ConnectionString, hub, extraEnvironment: environment);
        await using var second = await HostProcess.StartAsync(_storage.ConnectionString, hub, extraEnvironment: environment);

        // One batch of every node; each answers only after the timeout has passed more than twice.
        var api = first.CreateApi();
        var timeoutMs = (int)(slow + TimeSpan.FromSeconds(15)).TotalMilliseconds;
        var id = await api.StartSweepAsync(NamedSweep.Json(fleet.Nodes, new { batchSize = nodes, concurrency = nodes, timeoutMs }));
        var run = await api.WaitForRunAsync(id, TimeSpan.FromMinutes(3));
        output.WriteLine($"visibility timeout {visibility}, batch of {slow.TotalSeconds:0} s: {fleet.HealthRequests} health requests for {nodes} nodes");

        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(nodes, run["summary"]!["ok"]!.GetValue<int>());
        Assert.Equal(nodes, fleet.HealthRequests);
        Assert.Equal(nodes, (await api.GetReportAsync(id))["results"]!.AsArray().Count);
    }
}
