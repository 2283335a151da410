using System.Text.Json.Nodes;
using FleetOps.Core;
using FleetOps.Core.Checks;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Summaries;
using FleetOps.Workflows.Rollouts;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Converters;

namespace FleetOps.Workflows.Tests.Storage;

/// <summary>
/// In-flight runs survive an upgrade: orchestration inputs, outputs, custom status and activity payloads written by
/// another version (a field added, a field gone) still read through the converter both engines use. Strictness
/// belongs to the request edge only.
/// </summary>
public sealed class DurablePayloadTests
{
    private static readonly JsonDataConverter Converter = new(FleetOpsJson.Options);

    /// <summary>What this version writes, then what a newer one (an extra field) and an older one (a field missing) wrote.</summary>
    private static (T Newer, T Older) ReadOtherShapes<T>(T value, string droppedField)
    {
        var written = JsonNode.Parse(Converter.Serialize(value)!)!.AsObject();
        var newer = written.DeepClone().AsObject();
        newer["addedByANewerVersion"] = new JsonObject { ["nested"] = 1 };
        var older = written.DeepClone().AsObject();
        Assert.True(older.Remove(droppedField), $"{typeof(T).Name} has no field {droppedField}: the test no longer tests anything");
        return (Converter.Deserialize<T>(newer.ToJsonString())!, Converter.Deserialize<T>(older.ToJsonString())!);
    }

    [Fact]
    public void Sweep_input_and_progress_read_across_versions()
    {
        var input = new SweepInput("run-1", "nightly", 1000, 40, new ProbeOptions()) { Inventory = "prod", ChunkBatches = 20 };
        var (newer, older) = ReadOtherShapes(input, "inventory");
        Assert.Equal(input, newer);
        Assert.Equal(input with { Inventory = null }, older);

        var progress = new SweepProgress("probing", 3, 40, 75, 1000, 70, 5);
        Assert.Equal(progress, ReadOtherShapes(progress, "phase").Newer);
    }

    [Fact]
    public void Rollout_input_progress_and_outcome_read_across_versions()
    {
        var budgets = new RolloutBudgets(new BudgetValue(1, false), new BudgetValue(5, true), BudgetAction.Halt);
        var input = new RolloutInput("run-2", "deploy", 20, "inventory/prod", new ActionSpec { Url = "http://{{address}}/deploy" }, 4, null,
            budgets, ApprovalMode.None, 3600, false) { Inventory = "prod" };
        var (newer, older) = ReadOtherShapes(input, "inventory");
        Assert.Equal(input.RunId, newer.RunId);
        Assert.Equal("prod", newer.Inventory);
        Assert.Null(older.Inventory);

        var progress = new RolloutProgress(RolloutState.Running, 1, 3, 20, 5, 0, 0, "gate") { Reason = "r" };
        Assert.Equal(progress, ReadOtherShapes(progress, "reason").Newer);

        var outcome = new RolloutOutcome(progress, [new TimelineEntry(DateTime.UnixEpoch, "started")]) { ExcludedNodes = ["a"] };
        Assert.Equal(["a"], ReadOtherShapes(outcome, "excludedNodes").Newer.ExcludedNodes!);
    }

    [Fact]
    public void Activity_outcomes_read_across_versions()
    {
        var outcome = new BatchOutcome { BatchIndex = 2, Targets = 10, Ok = 9, Failed = 1 };
        Assert.Equal(9, ReadOtherShapes(outcome, "batches").Newer.Ok);

        var gate = new GateRoundOutcome(4, ["b"]);
        Assert.Equal(["b"], ReadOtherShapes(gate, "probed").Newer.Failed);
    }
}
