using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// Storage stops for 60 s in the middle of a sweep: the host stays up and keeps answering (503 problem+json where
/// storage is needed, /healthz alive, /readyz not ready), logs the outage once each way, and when storage is back the
/// run completes with exactly one correct result per target.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : StorageFaultTest(output)
{
    [Fact]
    public async Task A_60_second_storage_outage_mid_sweep_is_ridden_out_and_the_run_completes_with_one_result_per_target()
    {
        await using var host = await HostProcess.StartAsync(Storage.ConnectionString, "outage" + Guid.NewGuid().ToString("N")[..8],
            extraEnvironment: new Dictionary<string, string?>
            {
                ["FleetOps__Engine__MaxConcurrentActivities"] = "2",
                // Whatever the outage leaves stuck in the engine's memory is the watchdog's to recover, quickly here.
                ["FleetOps__Watchdog__StallAfter"] = "00:00:30",
                ["FleetOps__Watchdog__CheckInterval"] = "00:00:03",
            });
        await WithHostLogAsync(host, () => RideOutAsync(host), l => !l.Contains(" info: ", StringComparison.Ordinal) || l.Contains("FleetOps.Host", StringComparison.Ordinal));
    }

    private async Task RideOutAsync(HostProcess host)
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 300, Slow = 0.3, SlowDelay = TimeSpan.FromMilliseconds(400) });
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var api = new RunsClient(host.CreateClient());
        var id = await api.StartSweepAsync(RunsClient.SweepJson(fleet.ToTargetsJson(), new { batchSize = 10, concurrency = 4, timeoutMs = 10000 }));
        var before = await api.WaitForRunAsync(id, TimeSpan.FromSeconds(120), r => r["progress"]?["batchesDone"]?.GetValue<int>() >= 3);
        Assert.True(before["progress"]!["batchesDone"]!.GetValue<int>() < before["progress"]!["batchesTotal"]!.GetValue<int>(), "the sweep ended before the outage: the test proves nothing");

        await Storage.StopAsync();
        var outage = Stopwatch.StartNew();
        var polls = 0;
        while (outage.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(host.Process.HasExited, $"the host exited during the outage with {ExitCode(host)}\n{host.Process.Output()}");
            using var http = host.CreateClient();
            Assert.Equal(200, (int)(await http.GetAsync("/healthz")).StatusCode);
            var (ready, readyBody) = await host.ReadinessAsync();
            Assert.True(ready == 503, $"/readyz answered {ready} while storage was down: {readyBody}");
            Assert.Equal("unhealthy", JsonNode.Parse(readyBody)!["checks"]!["storage"]!["status"]!.GetValue<string>());
            using var run = await http.GetAsync($"/api/runs/{id}");
            Assert.Equal(503, (int)run.StatusCode);
            Assert.Equal("application/problem+json", run.Content.Headers.ContentType?.MediaType);
            polls++;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        Output.WriteLine($"{polls} polls during the outage, all 503");

        await RestartStorageAsync();
        var back = Stopwatch.StartNew();
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        Output.WriteLine($"ready again {back.Elapsed.TotalSeconds:0.0} s after storage came back");

        await SweepOutcome.AssertExactlyOneCorrectResultPerTargetAsync(api, id, fleet, TimeSpan.FromMinutes(4));
        Assert.False(host.Process.HasExited, $"the host exited after the outage with {ExitCode(host)}\n{host.Process.Output()}");
        var lines = host.Process.Output(20_000).Split('\n');
        Assert.Single(lines, l => l.Contains("Storage unreachable", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Storage reachable again", StringComparison.Ordinal));
    }

    private static string ExitCode(HostProcess host) => host.Process.HasExited ? $"exit code {host.Process.ExitCode}" : "no exit";
}
