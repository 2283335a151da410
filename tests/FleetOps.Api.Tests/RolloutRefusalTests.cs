using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Rollouts;

namespace FleetOps.Api.Tests;

/// <summary>A rollout start that could not take its lock answers problem+json naming the lock, never a bare 500.</summary>
public sealed class RolloutRefusalTests
{
    private static ResolvedRollout Rollout(string? inventory) =>
        new(new RolloutRequest { Inventory = inventory }, [new Target("a", "127.0.0.1:1")], inventory is null ? "nodes/abc" : RolloutLocks.ForInventory(inventory));

    [Fact]
    public void A_contended_lock_is_503_with_retry_after_naming_the_lock_and_the_inventory()
    {
        var response = RolloutsApi.Refusal(new StartedRollout("r1", false, 1) { Contended = true }, Rollout("prod"), "/api/rollouts")!;
        Assert.Equal(503, response.Status);
        Assert.Equal(Problems.ContentType, response.ContentType);
        Assert.Equal("1", response.Headers["Retry-After"]);
        var problem = Assert.IsType<Problems.ProblemDetails>(response.Value);
        Assert.EndsWith("/lock-contended", problem.Type);
        Assert.Contains("fleetops-locks/inventory/prod", problem.Detail);
        Assert.Contains("inventory 'prod'", problem.Detail);
        Assert.Equal("inventory", Assert.Single(problem.Errors!).Field);
    }

    [Fact]
    public void A_held_lock_is_409_naming_the_holder()
    {
        var response = RolloutsApi.Refusal(new StartedRollout("r2", false, 1, HeldBy: "r1"), Rollout(null), "/api/rollouts")!;
        Assert.Equal(409, response.Status);
        var problem = Assert.IsType<Problems.ProblemDetails>(response.Value);
        Assert.Contains("rollout 'r1'", problem.Detail);
        Assert.Equal("targets", Assert.Single(problem.Errors!).Field);
        Assert.Equal("/api/runs/r1", response.Headers["Content-Location"]);
    }

    [Fact]
    public void A_started_rollout_is_no_refusal() =>
        Assert.Null(RolloutsApi.Refusal(new StartedRollout("r3", true, 1), Rollout("prod"), "/api/rollouts"));
}
