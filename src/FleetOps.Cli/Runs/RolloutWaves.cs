using System.Text.Json.Nodes;

namespace FleetOps.Cli.Runs;

/// <summary>What a wave's nodes did, counted from the rollout's report.</summary>
internal sealed record WaveCounts(int ActionsOk, int ActionsFailed, int GateOk);

/// <summary>One wave as the CLI shows it; a count is null while it is not known.</summary>
internal sealed record WaveRow(int Wave, int Nodes, string Status, int? ActionsOk, int? ActionsFailed, int? GateOk);

/// <summary>
/// A rollout's waves from its run view (<c>rollout</c>: state, wave k of n, wave sizes, nodes done and failed) and
/// the per-wave counts of its report. The run view has only totals, so a finished wave's counts come from the report
/// (read once per wave, not per poll: it reads every node's result) and the current wave's from the totals minus
/// the finished waves'.
/// </summary>
internal static class RolloutWaves
{
    public static IReadOnlyDictionary<int, WaveCounts> FromReport(JsonNode report) =>
        (report["nodes"]?.AsArray() ?? [])
            .Where(n => n?["wave"] is not null)
            .GroupBy(n => n!["wave"]!.GetValue<int>())
            .ToDictionary(g => g.Key, g => new WaveCounts(
                g.Count(n => n!["action"]?["ok"]?.GetValue<bool>() == true),
                g.Count(n => n!["action"]?["ok"]?.GetValue<bool>() == false),
                g.Count(n => n!["gate"]?["lastOk"]?.GetValue<bool>() == true)));

    /// <param name="rollout">The run view's <c>rollout</c> object.</param>
    /// <param name="counts">Per-wave counts from the latest report read.</param>
    /// <param name="ended">Whether the run has ended (then <paramref name="counts"/> came from its final report).</param>
    public static IReadOnlyList<WaveRow> Rows(JsonNode rollout, IReadOnlyDictionary<int, WaveCounts> counts, bool ended)
    {
        var sizes = rollout["waveSizes"]?.AsArray().Select(s => s!.GetValue<int>()).ToList() ?? [];
        var current = rollout["wave"]?.GetValue<int>() ?? 0;
        var state = rollout["state"]?.GetValue<string>() ?? "running";
        var rows = new List<WaveRow>(sizes.Count);
        for (var w = 1; w <= sizes.Count; w++)
        {
            var known = counts.GetValueOrDefault(w);
            if (w < current || (ended && w == current))
                rows.Add(new WaveRow(w, sizes[w - 1], w < current || state == "completed" ? "done" : state, known?.ActionsOk ?? 0, known?.ActionsFailed ?? 0, known?.GateOk ?? 0));
            else if (w == current)
                rows.Add(Current(w, sizes[w - 1], rollout, counts));
            else
                rows.Add(new WaveRow(w, sizes[w - 1], ended ? "not started" : "pending", null, null, null));
        }
        return rows;
    }

    /// <summary>The wave in progress: its counts are the totals less the finished waves' (unknown if one is missing).</summary>
    private static WaveRow Current(int wave, int size, JsonNode rollout, IReadOnlyDictionary<int, WaveCounts> counts)
    {
        int? ok = null, failed = null;
        if (Enumerable.Range(1, wave - 1).All(counts.ContainsKey))
        {
            var before = Enumerable.Range(1, wave - 1).Select(w => counts[w]).ToList();
            ok = (rollout["nodesDone"]?.GetValue<int>() ?? 0) - before.Sum(c => c.ActionsOk);
            failed = (rollout["nodesFailed"]?.GetValue<int>() ?? 0) - before.Sum(c => c.ActionsFailed);
        }
        return new WaveRow(wave, size, Doing(rollout), ok, failed, null);
    }

    /// <summary>What the rollout is doing now, in words.</summary>
    public static string Doing(JsonNode rollout) => (rollout["state"]?.GetValue<string>(), rollout["waitingFor"]?.GetValue<string>()) switch
    {
        ("waiting-approval", _) or (_, "approval") => "waiting for approval",
        ("paused", _) => "paused",
        (_, "actions") => "actions",
        (_, "gate") => "health gate",
        (_, "rollback") => "rolling back",
        (_, "preflight") => "pre-flight",
        ("running", _) => "starting",
        (var state, _) => state ?? "starting",
    };

    /// <summary>The one-line state of a rollout: state, wave k of n, nodes done and failed, gate failures, what it waits for.</summary>
    public static string Headline(string id, JsonNode run)
    {
        if (run["rollout"] is not { } r) return $"rollout {id}: {RunPoller.Status(run).ToLowerInvariant()}";
        var waves = r["waves"]?.GetValue<int>() is > 0 ? $", wave {r["wave"]}/{r["waves"]}" : "";
        var line = $"rollout {id}: {r["state"]}{waves}, {r["nodesDone"]}/{r["nodesTotal"]} nodes done, {r["nodesFailed"]} failed, {r["gateFailures"]} gate failures";
        if (r["excluded"]?.GetValue<int>() is > 0 and var excluded) line += $", {excluded} left out by pre-flight";
        if (r["rolledBack"]?.GetValue<int>() is > 0 and var rolledBack) line += $", {rolledBack} rolled back";
        if (!RunPoller.HasEnded(run) && r["waitingFor"]?.GetValue<string>() is { } waiting) line += $" (waiting for {waiting})";
        return line;
    }
}
