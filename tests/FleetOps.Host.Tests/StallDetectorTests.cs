using DurableTask.Core;
using FleetOps.Host.Watchdog;

namespace FleetOps.Host.Tests;

/// <summary>The watchdog's pure parts, on a fake clock: what counts as a stall, and what the engine's refusal looks like.</summary>
public sealed class StallDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(60);

    [Fact]
    public void Work_that_keeps_moving_never_stalls_and_work_that_stops_stalls_after_exactly_StallAfter()
    {
        var detector = new StallDetector(StallAfter);
        for (var s = 0; s <= 300; s += 10)
            detector.Observe([new("run:a", $"batches {s}"), new("run:b", "batches 7")], T0.AddSeconds(s));

        var stalled = detector.Stalled(T0.AddSeconds(300));
        Assert.Equal(["run:b"], stalled.Select(x => x.Key));

        var fresh = new StallDetector(StallAfter);
        fresh.Observe([new("run:c", "1")], T0);
        Assert.Empty(fresh.Stalled(T0.AddSeconds(59)));
        Assert.Single(fresh.Stalled(T0.AddSeconds(60)));
    }

    [Fact]
    public void Finished_work_is_forgotten_and_held_time_does_not_count()
    {
        var detector = new StallDetector(StallAfter);
        detector.Observe([new("run:a", "1"), new("run:b", "1")], T0);
        detector.Observe([new("run:b", "1")], T0.AddSeconds(30));
        Assert.Null(detector.SignatureOf("run:a"));

        detector.Hold(T0.AddSeconds(50)); // e.g. storage was down until then
        Assert.Empty(detector.Stalled(T0.AddSeconds(100)));
        Assert.Single(detector.Stalled(T0.AddSeconds(110)));
    }

    [Theory]
    [InlineData("DurableTask.AzureStorage", 105, "Internal assert failure: Work item queue message with ID = 6f1c2b0e-7a4d-4a51-9a8b-0c2d3e4f5a6b is being processed multiple times concurrently.", "6f1c2b0e-7a4d-4a51-9a8b-0c2d3e4f5a6b")]
    [InlineData("DurableTask.AzureStorage", 0, "Work item queue message with ID = abc is being processed multiple times concurrently.", "abc")]
    [InlineData("DurableTask.AzureStorage", 105, "Could not find context for work item with ID = abc.", null)]
    [InlineData("FleetOps.Host", 105, "Work item queue message with ID = abc is being processed multiple times concurrently.", null)]
    public void The_engine_refusing_a_work_item_is_recognised_in_its_log(string category, int eventId, string message, string? expected) =>
        Assert.Equal(expected, EngineRefusals.RefusedMessageId(category, eventId, message));

    [Fact]
    public void Sub_orchestrations_count_for_their_run_and_a_rollout_waiting_for_approval_has_nothing_outstanding()
    {
        var samples = RunProgressSource.Group(
        [
            // Chunks as the workflows name them ({runId}:chunk:NNNN), and one named the older way ({runId}-chunk-NNNN).
            State("sweep-1", T0), State(Core.Contracts.InternalIds.For("sweep-1", "chunk", 0), T0.AddSeconds(5)),
            State(Core.Contracts.InternalIds.For("sweep-1", "chunk", 1), T0.AddSeconds(9)), State("sweep-1-chunk-0002", T0.AddSeconds(7)),
            State("sweep-2", T0.AddSeconds(1)),
            State("rollout-1", T0, """{"state":"waiting-approval","wave":1}"""),
        ]);
        Assert.Equal(["run:sweep-1", "run:sweep-2"], samples.Select(s => s.Key).Order());
        var sweep1 = samples.Single(s => s.Key == "run:sweep-1");
        Assert.Equal("sweep-1", sweep1.InstanceId);
        Assert.StartsWith(T0.AddSeconds(9).UtcDateTime.ToString("O"), sweep1.Signature);
    }

    private static OrchestrationState State(string id, DateTimeOffset updated, string? status = null) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "e" },
        OrchestrationStatus = OrchestrationStatus.Running,
        CreatedTime = T0.UtcDateTime.AddSeconds(-1),
        LastUpdatedTime = updated.UtcDateTime,
        Status = status,
    };
}
