using System.Text.Json.Nodes;
using FleetOps.Cli.Runs;

namespace FleetOps.Cli.Tests;

/// <summary>A halted, rolled-back or cancelled rollout ends with the runtime status Completed: only its own state says it failed.</summary>
public sealed class RolloutResultTests
{
    [Theory]
    [InlineData("completed", "Completed", 0)]
    [InlineData("halted", "Completed", 1)]
    [InlineData("rolled-back", "Completed", 1)]
    [InlineData("cancelled", "Completed", 1)]
    [InlineData("completed", "Failed", 1)]
    [InlineData(null, "Terminated", 1)]
    public void Only_a_completed_rollout_exits_0(string? state, string runtimeStatus, int exit)
    {
        var run = new JsonObject { ["runtimeStatus"] = runtimeStatus };
        Assert.Equal(exit, new RolloutResult(state, run).ExitCode);
    }
}
