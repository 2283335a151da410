using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>A real Prometheus scrapes the self-host's /metrics while it sweeps a simulated fleet.</summary>
public sealed class MetricsTests(SelfHostEnvironment env, ITestOutputHelper output) : IClassFixture<SelfHostEnvironment>
{
    [Fact]
    public async Task Prometheus_scrapes_the_host_and_its_queries_return_the_counts_the_simulator_dictates()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 40, Down = 0.25 });
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{env.Host.Port}");

        var id = await env.Api.StartSweepAsync(NamedSweep.Json(fleet.Nodes, new { timeoutMs = 3000, batchSize = 10 }));
        Assert.Equal("Completed", (await env.Api.WaitForRunAsync(id, TimeSpan.FromMinutes(2)))["runtimeStatus"]!.GetValue<string>());
        var down = fleet.Nodes.Count(n => n.Fault == NodeFault.Down);
        Assert.InRange(down, 1, 39);

        // The class shares its host with no other sweep, so the host's counters are this sweep's.
        var expected = new Dictionary<string, double>
        {
            ["sum(fleetops_probe_targets_total{result=\"ok\"})"] = 40 - down,
            ["sum(fleetops_probe_targets_total{result=\"failed\",error_kind=\"refused\"})"] = down,
            ["sum(fleetops_probe_batches_total)"] = 4,
            ["sum(fleetops_runs_started_total{kind=\"sweep\"})"] = 1,
            ["sum(fleetops_probe_duration_seconds_count)"] = 40,
        };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Dictionary<string, double?> seen;
        while (true)
        {
            seen = [];
            foreach (var query in expected.Keys)
                seen[query] = (await prometheus.QueryAsync(query)) is [var sample] ? sample.Value : null;
            if (expected.All(e => seen[e.Key] == e.Value)) break;
            if (DateTime.UtcNow > deadline)
            {
                var (health, error) = await prometheus.TargetHealthAsync();
                Assert.Fail($"scrape target {health} {error}; queries: {string.Join("; ", seen.Select(s => $"{s.Key} = {s.Value?.ToString() ?? "no data"}"))}");
            }
            await Task.Delay(500);
        }
        output.WriteLine(string.Join("\n", seen.Select(s => $"{s.Key} = {s.Value}")));
    }
}
