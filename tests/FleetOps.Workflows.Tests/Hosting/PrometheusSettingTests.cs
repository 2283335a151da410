using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Rollouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Tests.Hosting;

/// <summary>FleetOps:Prometheus: validated at start-up, and a rollout asking for queries needs it.</summary>
public sealed class PrometheusSettingTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] prometheus)
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" };
        foreach (var (key, value) in prometheus) settings[$"{PrometheusOptions.Section}:{key}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddFleetOpsWorkflows(configuration).BuildServiceProvider();
    }

    private const string WithQuery = """
        {"targets":[{"name":"a","address":"127.0.0.1:1"}],"action":{"url":"http://{{address}}/deploy"},
         "gate":{"prometheus":[{"query":"sum(rate(http_requests_total{code=\"500\",node=\"{{name}}\"}[1m]))","condition":"< 0.5"}]}}
        """;

    [Fact]
    public async Task Without_a_Prometheus_a_rollout_with_queries_is_refused_naming_gate_prometheus()
    {
        using var services = Services();
        Assert.False(services.GetRequiredService<PrometheusGate>().Configured);
        var e = await Assert.ThrowsAsync<RequestValidationException>(() =>
            services.GetRequiredService<RolloutRequestParser>().ParseAsync(Encoding.UTF8.GetBytes(WithQuery), default));
        var error = Assert.Single(e.Errors);
        Assert.Equal("gate.prometheus", error.Field);
        Assert.Contains("FleetOps:Prometheus:Url", error.Message);
    }

    [Fact]
    public async Task With_a_Prometheus_the_queries_reach_the_rollout_input_with_their_defaults()
    {
        using var services = Services(("Url", "http://127.0.0.1:9090"));
        var rollout = await services.GetRequiredService<RolloutRequestParser>().ParseAsync(Encoding.UTF8.GetBytes(WithQuery), default);
        var query = Assert.Single(RolloutStarter.InputFor(rollout, "run-1").Gate!.Prometheus!);
        Assert.Equal(new Core.Rollouts.Analysis.PrometheusQuery("query 1", rollout.Request.Gate!.Prometheus![0]!.Query!, "< 0.5",
            Core.Rollouts.Analysis.QueryScope.Node, Count: 1, FailureLimit: 0, InconclusiveLimit: 0), query);
    }

    [Theory]
    [InlineData("Url", "ftp://prom:9090", "must be an absolute http(s) URI")]
    [InlineData("Url", "prometheus:9090", "must be an absolute http(s) URI")]
    [InlineData("Url", "http://user:secret@prom:9090", "without credentials")]
    [InlineData("Url", "http://prom:9090/?x=1", "without credentials, query")]
    [InlineData("TimeoutMs", "0", "between 1 and 120000")]
    [InlineData("MaxConcurrency", "65", "between 1 and 64")]
    public void A_bad_setting_stops_the_host_naming_it(string key, string value, string problem)
    {
        using var services = Services(("Url", "http://127.0.0.1:9090"), (key, value));
        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PrometheusOptions>>().Value);
        var failure = Assert.Single(e.Failures);
        Assert.StartsWith($"FleetOps:Prometheus:{key}: ", failure);
        Assert.Contains(problem, failure);
        Assert.DoesNotContain("secret", failure);
    }
}
