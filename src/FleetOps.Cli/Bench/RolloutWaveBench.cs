using System.Diagnostics;
using System.Globalization;
using FleetOps.Api.Client;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Simulator;

namespace FleetOps.Cli.Bench;

/// <summary>
/// The cost of a wave beyond its health gate: a rollout over N nodes with instant actions in waves of N/10, timed
/// from the orchestration's own timeline. Per wave, overhead = (next wave's start, or the end) − wave start − gate time,
/// where gate time = actions done to gate passed. It covers the action chunks, blob writes and checkpoints, and is split
/// into phases: actions (wave start to actions done) and after the gate (gate passed to the next wave's start, or the end).
/// Actions are split again by when the wave's nodes answered (each node's stored result time, the activity's clock):
/// to the 1st node (the orchestrator's checkpoint, the activity's dispatch, its reads, one action), nodes (first to
/// last answer) and to done (the last journal append, the activity's result back, the orchestrator's next episode).
/// A rollout that does not pass every gate (a loaded machine, a broken fleet) is reported with its state and reason,
/// and only the waves that passed their gate are timed.
/// </summary>
public static class RolloutWaveBench
{
    /// <summary>Nodes of the untimed rollout run first (10 waves of 5).</summary>
    public const int WarmUpNodes = 50;

    /// <param name="Waves">Waves timed: those that passed their gate.</param>
    /// <param name="State">The rollout's final state (<c>completed</c> unless something stopped it) and <paramref name="Reason"/> why.</param>
    public sealed record Result(int Nodes, int Waves, TimeSpan Total, double MeanOverheadMs, double MaxOverheadMs, double MeanGateMs, string Table)
    {
        public string State { get; init; } = "completed";
        public string? Reason { get; init; }
    }

    public static async Task<Result> RunAsync(FleetOpsApiClient api, int nodes, CancellationToken ct)
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = nodes, NamePrefix = "wave-" }, ct).ConfigureAwait(false);
        var request = new JsonObject
        {
            ["name"] = $"bench-rollout-{nodes}",
            ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
            ["action"] = new JsonObject { ["url"] = "http://{{address}}/action/deploy" },
            ["waves"] = new JsonArray("10%"),
            ["concurrency"] = 50,
            ["gate"] = new JsonObject
            {
                ["checks"] = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
                ["passes"] = 1, ["intervalSeconds"] = 1, ["deadlineSeconds"] = 60,
            },
        };
        var watch = Stopwatch.StartNew();
        var id = (await api.StartRolloutAsync(request.ToJsonString(), ct).ConfigureAwait(false))["id"]!.GetValue<string>();
        JsonNode run;
        while ((run = (await api.GetRunAsync(id, ct).ConfigureAwait(false))!)["runtimeStatus"]!.GetValue<string>() is "Pending" or "Running")
            await Task.Delay(200, ct).ConfigureAwait(false);
        watch.Stop();
        var state = run["rollout"]?["state"]?.GetValue<string>() ?? run["runtimeStatus"]!.GetValue<string>().ToLowerInvariant();
        var reason = run["rollout"]?["reason"]?.GetValue<string>() ?? run["failure"]?["message"]?.GetValue<string>();
        var report = await api.GetReportAsync(id, ct: ct).ConfigureAwait(false);
        var timeline = (report["timeline"]?.AsArray() ?? [])
            .Select(e => (Event: e!["event"]!.GetValue<string>(), Wave: e["wave"]?.GetValue<int>(), At: e["at"]!.GetValue<DateTimeOffset>().UtcDateTime))
            .ToList();
        // When each wave's first and last node answered its action (the activity's clock; the timeline has the orchestrator's).
        var answered = (report["nodes"]?.AsArray() ?? [])
            .Where(n => n?["wave"] is not null && n["action"]?["at"] is not null)
            .GroupBy(n => n!["wave"]!.GetValue<int>(), n => n!["action"]!["at"]!.GetValue<DateTimeOffset>().UtcDateTime)
            .ToDictionary(g => g.Key, g => (First: g.Min(), Last: g.Max()));

        var rows = new List<string[]>();
        var overheads = new List<double>();
        var gates = new List<double>();
        var end = timeline.Count > 0 ? timeline[^1].At : DateTime.UtcNow;
        DateTime? At(string name, int wave) => timeline.Where(e => e.Event == name && e.Wave == wave).Select(e => (DateTime?)e.At).FirstOrDefault();
        foreach (var wave in timeline.Where(e => e.Event == "wave-started").Select(e => e.Wave!.Value))
        {
            // Only a wave that passed its gate has a gate time to take out.
            if (At("wave-started", wave) is not { } started || At("actions-done", wave) is not { } actionsDone || At("gate-passed", wave) is not { } passed) continue;
            var waveEnd = At("wave-started", wave + 1) ?? end;
            var gate = (passed - actionsDone).TotalMilliseconds;
            var overhead = (waveEnd - started).TotalMilliseconds - gate;
            gates.Add(gate);
            overheads.Add(overhead);
            var (first, last) = answered.GetValueOrDefault(wave, (started, actionsDone));
            rows.Add([$"{wave}", Ms(waveEnd - started), Ms(actionsDone - started), Ms(first - started), Ms(last - first), Ms(actionsDone - last),
                Ms(passed - actionsDone), Ms(waveEnd - passed), Ms(overhead)]);
        }
        var table = TextTable.Format(["wave", "wave ms", "actions ms", "to 1st node", "nodes", "to done", "gate ms", "after gate ms", "overhead ms"], rows);
        if (state != "completed")
            return new Result(nodes, rows.Count, watch.Elapsed, Mean(overheads), Max(overheads), Mean(gates), $"rollout {id} {state}: {reason}\n{table}")
            {
                State = state,
                Reason = reason,
            };
        var applied = fleet.Nodes.Count(n => fleet.ActionsApplied(n.Name) == 1);
        if (applied != nodes) throw new InvalidOperationException($"only {applied} of {nodes} nodes applied the action once");
        return new Result(nodes, rows.Count, watch.Elapsed, Mean(overheads), Max(overheads), Mean(gates), table);
    }

    private static string Ms(TimeSpan span) => Ms(span.TotalMilliseconds);

    private static string Ms(double ms) => ms.ToString("0", CultureInfo.InvariantCulture);

    private static double Mean(List<double> values) => values.Count == 0 ? 0 : values.Average();

    private static double Max(List<double> values) => values.Count == 0 ? 0 : values.Max();
}
