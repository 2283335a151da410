using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>What a sweep that survived a fault must still show: completed, one correct result per target, no more.</summary>
public static class SweepOutcome
{
    public static async Task AssertExactlyOneCorrectResultPerTargetAsync(RunsClient api, string id, SimulatedFleet fleet, TimeSpan timeout)
    {
        var run = await api.WaitForRunAsync(id, timeout);
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        var results = (await api.GetReportAsync(id))["results"]!.AsArray();
        Assert.Equal(fleet.Nodes.Select(n => n.Name).Order(), results.Select(r => r!["name"]!.GetValue<string>()).Order());
        foreach (var result in results)
        {
            var name = result!["name"]!.GetValue<string>();
            Assert.True(SweepOverHttpTests.Expected(fleet.ExpectedFault(name)).Ok == result["ok"]!.GetValue<bool>(), $"{name}: {result.ToJsonString()}");
        }
        Assert.Equal(fleet.Nodes.Count, run["summary"]!["ok"]!.GetValue<int>() + run["summary"]!["failed"]!.GetValue<int>());
    }
}
