using System.Text.Json;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class RolloutStateTests
{
    [Theory]
    [InlineData(RolloutState.Running, "running")]
    [InlineData(RolloutState.WaitingApproval, "waiting-approval")]
    [InlineData(RolloutState.Paused, "paused")]
    [InlineData(RolloutState.Halted, "halted")]
    [InlineData(RolloutState.RolledBack, "rolled-back")]
    [InlineData(RolloutState.Completed, "completed")]
    [InlineData(RolloutState.Cancelled, "cancelled")]
    [InlineData(RolloutState.Failed, "failed")]
    public void States_are_kebab_case_in_json(RolloutState state, string wire)
    {
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(state, FleetOpsJson.Options));
        Assert.Equal(state, JsonSerializer.Deserialize<RolloutState>($"\"{wire}\"", FleetOpsJson.Options));
        Assert.Equal(wire, WireNames.Of(state));
    }

    [Fact]
    public void Every_state_is_covered() => Assert.Equal(8, Enum.GetValues<RolloutState>().Length);

    /// <summary>The one place wire names come from agrees with JSON for every enum a rollout puts on the wire.</summary>
    [Fact]
    public void Wire_names_are_the_json_names_of_every_rollout_enum()
    {
        static void Same<T>() where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>())
            {
                var json = JsonSerializer.Serialize(value, FleetOpsJson.Options).Trim('"');
                Assert.Equal(json, WireNames.Of(value));
                Assert.True(WireNames.TryParse<T>(json, out var back));
                Assert.Equal(value, back);
            }
        }
        Same<RolloutState>();
        Same<RolloutPhase>();
        Same<ApprovalMode>();
        Same<BudgetAction>();
        Assert.False(WireNames.TryParse<RolloutState>("Running", out _));
        Assert.False(WireNames.TryParse<RolloutState>(null, out _));
    }

    [Theory]
    [InlineData(ApprovalMode.None, new[] { false, false, false })]
    [InlineData(ApprovalMode.BeforeFirst, new[] { true, false, false })]
    [InlineData(ApprovalMode.AfterCanary, new[] { false, true, false })]
    [InlineData(ApprovalMode.EveryWave, new[] { true, true, true })]
    public void Approval_points_follow_the_mode(ApprovalMode mode, bool[] waves) =>
        Assert.Equal(waves, Enumerable.Range(0, 3).Select(w => RolloutModes.NeedsApproval(mode, w)));

    [Fact]
    public void Numbers_are_not_states() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RolloutState>("1", FleetOpsJson.Options));

    [Theory]
    [InlineData(ApprovalMode.None, "none")]
    [InlineData(ApprovalMode.BeforeFirst, "before-first")]
    [InlineData(ApprovalMode.AfterCanary, "after-canary")]
    [InlineData(ApprovalMode.EveryWave, "every-wave")]
    public void Approval_mode_wire_names_match_the_json_names(ApprovalMode mode, string wire)
    {
        Assert.Equal(mode, RolloutModes.ApprovalModes[wire]);
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(mode, FleetOpsJson.Options));
    }

    [Fact]
    public void Absent_choices_take_their_defaults()
    {
        var request = new RolloutRequest();
        Assert.Equal(ApprovalMode.None, RolloutModes.Approval(request));
        Assert.Equal(BudgetAction.Halt, RolloutModes.OnExceeded(request));
        var set = new RolloutRequest { Approval = new() { Mode = "every-wave" }, Budgets = new() { OnExceeded = "rollback" } };
        Assert.Equal(ApprovalMode.EveryWave, RolloutModes.Approval(set));
        Assert.Equal(BudgetAction.Rollback, RolloutModes.OnExceeded(set));
    }
}
