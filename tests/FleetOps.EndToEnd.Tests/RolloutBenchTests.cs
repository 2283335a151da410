using FleetOps.Cli.Bench;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>A self-host whose policy denies every loopback node: every action fails, no wave passes its gate.</summary>
public sealed class DeniedFleetEnvironment : SelfHostEnvironment
{
    protected override IDictionary<string, string?> HostEnvironment => new Dictionary<string, string?> { ["FleetOps__Policy__Deny__0"] = "127.0.0.0/8" };
}

/// <summary><c>fleetops bench</c>'s rollout timing when the rollout does not pass every gate.</summary>
public sealed class RolloutBenchTests(DeniedFleetEnvironment env, ITestOutputHelper output) : IClassFixture<DeniedFleetEnvironment>
{
    [Fact]
    public async Task A_rollout_that_stops_early_is_reported_with_its_state_and_reason()
    {
        var result = await RolloutWaveBench.RunAsync(env.Api.Client, 20, CancellationToken.None);
        output.WriteLine(result.Table);
        Assert.Equal("halted", result.State);
        Assert.Contains("action failures", result.Reason);
        Assert.Contains("halted", result.Table);
        Assert.Equal(0, result.Waves);
    }
}
