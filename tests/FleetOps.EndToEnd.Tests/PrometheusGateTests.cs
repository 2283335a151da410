using System.Text.Json.Nodes;
using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.RolloutKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// Rollout gates with Prometheus queries, against a real Prometheus scraping the simulated fleet's
/// <c>http_requests_total{node,code}</c> every second; the test sets each node's error rate through the simulator.
/// </summary>
public sealed class PrometheusGateTests(PrometheusGateEnvironment env, ITestOutputHelper output) : IClassFixture<PrometheusGateEnvironment>
{
    private const string NodeErrors = """sum(rate(http_requests_total{code="500",node="{{name}}"}[5s]))""";
    private const string FleetErrors = """sum(rate(http_requests_total{code="500"}[5s]))""";

    private static JsonObject Query(string name, string query, string scope = "node", int count = 1) =>
        new() { ["name"] = name, ["query"] = query, ["condition"] = "< 0.5", ["scope"] = scope, ["count"] = count };

    private string Rollout(params JsonObject[] queries) => Request(env.Fleet, r =>
    {
        r["waves"] = Array(1, "100%");
        r["gate"] = new JsonObject { ["prometheus"] = new JsonArray(queries), ["intervalSeconds"] = 1 };
    });

    [Fact]
    public async Task A_rollout_whose_queries_are_healthy_completes()
    {
        await env.UntilPrometheusSeesAsync("""max(rate(http_requests_total{code="500"}[5s])) < 0.5""");
        var id = await env.Api.StartRolloutAsync(Rollout(Query("node errors", NodeErrors), Query("fleet errors", FleetErrors, "fleet", count: 2)));
        var run = await env.Api.WaitForEndAsync(id, 90);
        output.WriteLine(run.ToJsonString());
        Assert.Equal("completed", State(run));
        var report = await env.Api.GetReportAsync(id);
        Assert.Equal(2, Timeline(report, "analysis-passed").Count());
        Assert.Empty(Timeline(report, "analysis-inconclusive"));
    }

    [Fact]
    public async Task A_node_whose_errors_the_test_raises_fails_the_query_and_halts_the_rollout()
    {
        var broken = env.Fleet.Nodes[2].Name; // in wave 2: wave 1 (the first node) passes its analysis
        env.Fleet.SetErrorRate(broken, errorsPerSecond: 20);
        try
        {
            await env.UntilPrometheusSeesAsync($$"""sum(rate(http_requests_total{code="500",node="{{broken}}"}[5s])) > 5""");
            var id = await env.Api.StartRolloutAsync(Rollout(Query("errors", NodeErrors)));
            var run = await env.Api.WaitForEndAsync(id, 90);
            output.WriteLine(run.ToJsonString());
            Assert.Equal("halted", State(run));
            Assert.Equal(1, run["rollout"]!["gateFailures"]!.GetValue<int>());
            Assert.Equal(2, run["rollout"]!["wave"]!.GetValue<int>());
            Assert.Contains("Prometheus query 'errors' failed once (failureLimit 0)", run["rollout"]!["reason"]!.GetValue<string>());
            var report = await env.Api.GetReportAsync(id);
            Assert.Single(Timeline(report, "analysis-passed"));
            Assert.Contains(broken, Assert.Single(Timeline(report, "analysis-failed"))["detail"]!.GetValue<string>());
            Assert.Equal(2, Timeline(report, "wave-started").Count()); // the query judges wave 2 after its actions
        }
        finally
        {
            env.Fleet.SetErrorRate(broken, errorsPerSecond: 0);
        }
    }

    [Fact]
    public async Task With_Prometheus_stopped_the_rollout_pauses_inconclusive_and_a_resume_measures_again()
    {
        await env.StopPrometheusAsync();
        var id = await env.Api.StartRolloutAsync(Rollout(Query("errors", NodeErrors)));
        var paused = await env.Api.WaitForStateAsync(id, "paused", 60);
        output.WriteLine(paused.ToJsonString());
        Assert.Equal("Running", paused["runtimeStatus"]!.GetValue<string>()); // held by its gate, not suspended by the engine
        Assert.Equal("analysis", paused["rollout"]!["waitingFor"]!.GetValue<string>());
        var reason = paused["rollout"]!["reason"]!.GetValue<string>();
        Assert.Contains("Prometheus query 'errors' was inconclusive once (inconclusiveLimit 0)", reason);
        Assert.Contains("unreachable", reason);
        Assert.Contains("(transient)", reason);
        Assert.Contains($"/api/runs/{id}/resume", reason);

        // Still paused a while later: it waits for a person, not for Prometheus.
        await env.StartPrometheusAsync();
        await env.UntilPrometheusSeesAsync($"count(rate(http_requests_total{{code=\"500\"}}[5s])) == {env.Fleet.Nodes.Count}");
        Assert.Equal("paused", State((await env.Api.GetRunAsync(id))!));

        var (status, _) = await env.Api.ControlAsync(id, "resume", new { by = "alice", reason = "prometheus is back" });
        Assert.Equal(202, status);
        var run = await env.Api.WaitForEndAsync(id, 90);
        output.WriteLine(run.ToJsonString());
        Assert.Equal("completed", State(run));
        var events = Events(await env.Api.GetReportAsync(id));
        Assert.Equal(["analysis-inconclusive", "resumed", "analysis-restarted"], events.Where(e => e is "analysis-inconclusive" or "resumed" or "analysis-restarted"));
        Assert.Equal(2, events.Count(e => e == "analysis-passed"));
        var (again, _) = await env.Api.ControlAsync(id, "resume");
        Assert.Equal(409, again);
    }
}
