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
/// where gate time = first probe round to gate passed. It covers the action chunks, blob writes and checkpoints.
/// </summary>
public static class RolloutWaveBench
{
    public sealed record Result(int Nodes, int Waves, TimeSpan Total, double MeanOverheadMs, double MaxOverheadMs, double MeanGateMs, string Table);

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
        while ((await api.GetRunAsync(id, ct).ConfigureAwait(false))!["runtimeStatus"]!.GetValue<string>() is "Pending" or "Running")
            await Task.Delay(200, ct).ConfigureAwait(false);
        watch.Stop();
        var report = await api.GetReportAsync(id, ct: ct).ConfigureAwait(false);
        var timeline = report["timeline"]!.AsArray()
            .Select(e => (Event: e!["event"]!.GetValue<string>(), Wave: e["wave"]?.GetValue<int>(), At: e["at"]!.GetValue<DateTime>()))
            .ToList();

        var rows = new List<string[]>();
        var overheads = new List<double>();
        var gates = new List<double>();
        var waves = timeline.Where(e => e.Event == "wave-started").Select(e => e.Wave!.Value).ToList();
        var end = timeline.Last().At;
        foreach (var wave in waves)
        {
            DateTime At(string name) => timeline.First(e => e.Event == name && e.Wave == wave).At;
            var started = At("wave-started");
            var next = timeline.FirstOrDefault(e => e.Event == "wave-started" && e.Wave == wave + 1);
            var waveEnd = next.Event is null ? end : next.At;
            var gate = (At("gate-passed") - At("actions-done")).TotalMilliseconds;
            var overhead = (waveEnd - started).TotalMilliseconds - gate;
            gates.Add(gate);
            overheads.Add(overhead);
            rows.Add([$"{wave}", (waveEnd - started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture),
                gate.ToString("0", CultureInfo.InvariantCulture), overhead.ToString("0", CultureInfo.InvariantCulture)]);
        }
        var applied = fleet.Nodes.Count(n => fleet.ActionsApplied(n.Name) == 1);
        if (applied != nodes) throw new InvalidOperationException($"only {applied} of {nodes} nodes applied the action once");
        return new Result(nodes, waves.Count, watch.Elapsed, overheads.Average(), overheads.Max(), gates.Average(),
            TextTable.Format(["wave", "wave ms", "gate ms", "overhead ms"], rows));
    }
}
