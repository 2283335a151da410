using FleetOps.Workflows.Hosting;

namespace FleetOps.Workflows.Tests.Hosting;

public sealed class MetricsSettingTests
{
    [Theory]
    [InlineData("9lives", "TargetLabels:0", "not a Prometheus label name")]
    [InlineData("__meta", "TargetLabels:0", "not starting with __")]
    [InlineData("a-b", "TargetLabels:0", "not a Prometheus label name")]
    [InlineData("target", "TargetLabels:0", "carry already")]
    [InlineData("instance", "TargetLabels:0", "carry already")]
    public void A_label_that_cannot_be_one_is_refused_naming_it(string label, string setting, string problem)
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { TargetLabels = [label] });
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"FleetOps:Metrics:{setting}: ", failure);
        Assert.Contains(problem, failure);
    }

    [Fact]
    public void Repeats_too_many_labels_and_bad_bounds_are_refused()
    {
        var failures = new MetricsOptionsValidator().Validate(null, new MetricsOptions
        {
            TargetLabels = [.. Enumerable.Range(0, 10).Select(i => $"l{i}"), "l0"],
            MaxTargetSeries = 0,
            TargetTtl = TimeSpan.Zero,
            QueueDepthRefresh = TimeSpan.FromSeconds(-1),
        }).Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("FleetOps:Metrics:TargetLabels: at most 10", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("FleetOps:Metrics:TargetLabels:10: 'l0' is listed twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("FleetOps:Metrics:MaxTargetSeries:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("FleetOps:Metrics:TargetTtl:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("FleetOps:Metrics:QueueDepthRefresh:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new MetricsOptionsValidator().Validate(null, new MetricsOptions { TargetLabels = ["group", "region"] }).Succeeded);
}
