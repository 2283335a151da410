using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Sweeps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Workflows.Tests.Hosting;

/// <summary>FleetOps:Limits reaches the request parser: a configured cap refuses what the default would take.</summary>
public sealed class LimitsSettingTests
{
    private static ServiceProvider Services(int? maxProbes, int? maxTargets = null)
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" };
        if (maxProbes is { } max) settings["FleetOps:Limits:MaxProbesPerRun"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (maxTargets is { } targets) settings["FleetOps:Limits:MaxTargetsPerRun"] = targets.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddFleetOpsWorkflows(configuration).BuildServiceProvider();
    }

    private const string TwoTargetsTwoChecks =
        """{"targets":[{"name":"a","address":"127.0.0.1:1"},{"name":"b","address":"127.0.0.1:2"}],"checks":[{"kind":"tcp"},{"kind":"tcp","port":3}]}""";

    [Fact]
    public async Task A_configured_probe_cap_refuses_a_sweep_over_it_naming_checks()
    {
        using var services = Services(maxProbes: 3);
        Assert.Equal(3, services.GetRequiredService<SweepLimits>().MaxProbesPerRun);

        var e = await Assert.ThrowsAsync<RequestValidationException>(() =>
            services.GetRequiredService<SweepRequestParser>().ParseAsync(Encoding.UTF8.GetBytes(TwoTargetsTwoChecks), default));

        Assert.Contains(e.Errors, error => error.Field == "checks" && error.Message.Contains('3'));
    }

    [Fact]
    public async Task A_configured_target_cap_refuses_a_sweep_over_it_naming_targets()
    {
        using var services = Services(maxProbes: null, maxTargets: 1);
        Assert.Equal(1, services.GetRequiredService<SweepLimits>().MaxTargets);

        var e = await Assert.ThrowsAsync<RequestValidationException>(() =>
            services.GetRequiredService<SweepRequestParser>().ParseAsync(Encoding.UTF8.GetBytes(TwoTargetsTwoChecks), default));

        Assert.Contains(e.Errors, error => error.Field == "targets" && error.Message.Contains("more than the 1 a sweep takes"));
    }

    [Fact]
    public async Task Without_the_setting_the_domain_default_applies()
    {
        using var services = Services(maxProbes: null);
        Assert.Equal(SweepLimits.Default, services.GetRequiredService<SweepLimits>());

        var request = await services.GetRequiredService<SweepRequestParser>().ParseAsync(Encoding.UTF8.GetBytes(TwoTargetsTwoChecks), default);

        Assert.Equal(2, request.Targets!.Count);
    }
}
