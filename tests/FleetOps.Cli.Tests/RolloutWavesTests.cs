using System.Text.Json.Nodes;
using FleetOps.Cli.Runs;

namespace FleetOps.Cli.Tests;

/// <summary>The waves the live view shows, from the run view's totals and the report's per-node results.</summary>
public sealed class RolloutWavesTests
{
    private static JsonNode Rollout(string state, int wave, int done, int failed, string? waitingFor = null, int[]? sizes = null) => new JsonObject
    {
        ["state"] = state, ["wave"] = wave, ["waves"] = (sizes ?? [1, 4, 4]).Length, ["waveSizes"] = new JsonArray([.. (sizes ?? [1, 4, 4]).Select(s => (JsonNode)s)]),
        ["nodesTotal"] = 9, ["nodesDone"] = done, ["nodesFailed"] = failed, ["gateFailures"] = 0, ["waitingFor"] = waitingFor,
    };

    private static JsonObject Node(int wave, bool? actionOk, bool? gateOk) => new()
    {
        ["name"] = $"n{Guid.NewGuid():N}", ["wave"] = wave,
        ["action"] = actionOk is { } a ? new JsonObject { ["ok"] = a } : null,
        ["gate"] = gateOk is { } g ? new JsonObject { ["lastOk"] = g } : null,
    };

    [Fact]
    public void The_report_counts_actions_and_gates_per_wave_and_ignores_nodes_without_a_wave()
    {
        var report = new JsonObject
        {
            ["nodes"] = new JsonArray(Node(1, true, true), Node(2, true, true), Node(2, false, null), Node(2, true, false), Node(3, null, null),
                new JsonObject { ["name"] = "excluded", ["excluded"] = "unhealthy" }),
        };
        var counts = RolloutWaves.FromReport(report);
        Assert.Equal(new WaveCounts(1, 0, 1), counts[1]);
        Assert.Equal(new WaveCounts(2, 1, 1), counts[2]);
        Assert.Equal(new WaveCounts(0, 0, 0), counts[3]);
        Assert.Equal(3, counts.Count);
    }

    [Fact]
    public void Finished_waves_take_the_reports_counts_and_the_current_wave_the_totals_less_them()
    {
        var counts = new Dictionary<int, WaveCounts> { [1] = new(1, 0, 1) };
        var rows = RolloutWaves.Rows(Rollout("running", 2, done: 3, failed: 1, waitingFor: "actions"), counts, ended: false);
        Assert.Equal(
            [
                new WaveRow(1, 1, "done", 1, 0, 1),
                new WaveRow(2, 4, "actions", 2, 1, null),
                new WaveRow(3, 4, "pending", null, null, null),
            ], rows);
    }

    [Fact]
    public void The_current_waves_counts_are_unknown_while_a_finished_wave_is_missing_from_the_report()
    {
        var rows = RolloutWaves.Rows(Rollout("running", 3, done: 5, failed: 0, waitingFor: "gate"), new Dictionary<int, WaveCounts> { [1] = new(1, 0, 1) }, ended: false);
        Assert.Equal(new WaveRow(3, 4, "health gate", null, null, null), rows[2]);
        Assert.Equal(new WaveRow(2, 4, "done", 0, 0, 0), rows[1]);
    }

    [Theory]
    [InlineData("waiting-approval", "approval", "waiting for approval")]
    [InlineData("paused", "actions", "paused")]
    [InlineData("running", "gate", "health gate")]
    [InlineData("running", "rollback", "rolling back")]
    [InlineData("running", null, "starting")]
    public void The_current_wave_says_what_the_rollout_is_doing(string state, string? waitingFor, string expected)
    {
        var rows = RolloutWaves.Rows(Rollout(state, 1, 0, 0, waitingFor), new Dictionary<int, WaveCounts>(), ended: false);
        Assert.Equal(expected, rows[0].Status);
        Assert.Equal(0, rows[0].ActionsOk);
    }

    [Fact]
    public void A_halted_rollout_shows_where_it_stopped_and_the_waves_it_never_started()
    {
        var counts = new Dictionary<int, WaveCounts> { [1] = new(1, 0, 1), [2] = new(2, 2, 2) };
        var rows = RolloutWaves.Rows(Rollout("halted", 2, done: 3, failed: 2), counts, ended: true);
        Assert.Equal(["done", "halted", "not started"], rows.Select(r => r.Status));
        Assert.Equal(new WaveRow(2, 4, "halted", 2, 2, 2), rows[1]);
    }

    [Fact]
    public void Before_the_waves_are_planned_there_are_none()
    {
        var rollout = Rollout("running", 0, 0, 0, "preflight", sizes: []);
        Assert.Empty(RolloutWaves.Rows(rollout, new Dictionary<int, WaveCounts>(), ended: false));
        var run = new JsonObject { ["runtimeStatus"] = "Running", ["rollout"] = rollout };
        Assert.Equal("rollout r: running, 0/9 nodes done, 0 failed, 0 gate failures (waiting for preflight)", RolloutWaves.Headline("r", run));
    }

    [Fact]
    public void The_headline_has_state_wave_nodes_and_what_it_waits_for_until_it_ends()
    {
        var running = new JsonObject { ["runtimeStatus"] = "Running", ["rollout"] = Rollout("waiting-approval", 2, 1, 0, "approval") };
        Assert.Equal("rollout r: waiting-approval, wave 2/3, 1/9 nodes done, 0 failed, 0 gate failures (waiting for approval)", RolloutWaves.Headline("r", running));
        var ended = new JsonObject { ["runtimeStatus"] = "Completed", ["rollout"] = Rollout("halted", 2, 1, 0, "approval") };
        Assert.Equal("rollout r: halted, wave 2/3, 1/9 nodes done, 0 failed, 0 gate failures", RolloutWaves.Headline("r", ended));
    }
}
