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

        var progress = new RolloutProgress(RolloutState.Running, 1, 3, 20, 5, 0, 0, RolloutPhase.Gate) { Reason = "r" };
        Assert.Equal(progress, ReadOtherShapes(progress, "reason").Newer);
        Assert.Contains("\"waitingFor\":\"gate\"", Converter.Serialize(progress));

        var outcome = new RolloutOutcome(progress) { ExcludedNodes = ["a"] };
        Assert.Equal(["a"], ReadOtherShapes(outcome, "excludedNodes").Newer.ExcludedNodes!);
        // An output written by the version that kept the timeline there still reads, timeline and all.
        var old = Converter.Deserialize<RolloutOutcome>(
            """{"progress":{"state":"completed","wave":1,"waves":1,"nodesTotal":1,"nodesDone":1,"nodesFailed":0,"gateFailures":0},"timeline":[{"at":"2026-01-01T00:00:00Z","event":"completed"}]}""")!;
        Assert.Equal("completed", old.Timeline!.Single().Event);

        // A continued execution's state reads across versions too.
        var carry = new RolloutCarry
        {
            Step = RolloutStep.Gate, Wave = 2, WaveStart = 6, GateRound = 40, GateDeadline = DateTime.UnixEpoch,
            Ledger = BudgetLedger.Start(20, 4, budgets).WithActions(6, 1), Timeline = [new TimelineEntry(DateTime.UnixEpoch, "started")],
        };
        var (newerCarry, olderCarry) = ReadOtherShapes(carry, "gateRound");
        Assert.Equal((RolloutStep.Gate, 40, 6), (newerCarry.Step, newerCarry.GateRound, newerCarry.Ledger.Done));
        Assert.Equal(0, olderCarry.GateRound);
        Assert.Equal(carry.Ledger, Converter.Deserialize<RolloutInput>(Converter.Serialize(input with { Carry = carry }))!.Carry!.Ledger);
    }

    [Fact]
    public void Activity_outcomes_read_across_versions()
    {
        var outcome = new BatchOutcome { BatchIndex = 2, Targets = 10, Ok = 9, Failed = 1 };
        Assert.Equal(9, ReadOtherShapes(outcome, "batches").Newer.Ok);

        var gate = new GateRoundOutcome(4, 1, ["b"]);
        Assert.Equal(["b"], ReadOtherShapes(gate, "gated").Newer.PendingSample);

        var actions = new ActionBatchOutcome(3, 1, 0, ["n2"]) { NotStarted = 4, StoppedBy = RolloutStop.Paused };
        Assert.Equal(RolloutStop.Paused, ReadOtherShapes(actions, "skipped").Newer.StoppedBy);
    }
}
