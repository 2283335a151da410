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
    public void States_are_kebab_case_in_json(RolloutState state, string wire)
    {
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(state, FleetOpsJson.Options));
        Assert.Equal(state, JsonSerializer.Deserialize<RolloutState>($"\"{wire}\"", FleetOpsJson.Options));
    }

    [Fact]
    public void Every_state_is_covered() => Assert.Equal(7, Enum.GetValues<RolloutState>().Length);

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
