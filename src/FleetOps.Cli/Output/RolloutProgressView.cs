using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FleetOps.Cli.Output;

/// <summary>
/// A rollout until it ends. On a terminal: a live table of its waves (status, actions ok and failed, gate) under a
/// headline (state, wave k of n, nodes done and failed, gate failures, what it waits for). Elsewhere: the headline
/// as a plain line each time it changes, and a line per wave once the wave is done.
/// </summary>
internal sealed class RolloutProgressView(FleetOpsApiClient api, CliConsole console, string id)
{
    private IReadOnlyDictionary<int, WaveCounts> _counts = new Dictionary<int, WaveCounts>();
    private int _countedAtWave = -1;

    /// <returns>The run as it ended and its final report.</returns>
    public async Task<(JsonNode Run, JsonNode Report, string ReportText)> FollowAsync(TimeSpan interval, CancellationToken ct)
    {
        var run = console.Live ? await LiveAsync(interval, ct).ConfigureAwait(false) : await PlainAsync(interval, ct).ConfigureAwait(false);
        var text = await api.GetReportTextAsync(id, "json", ct: ct).ConfigureAwait(false);
        return (run, JsonNode.Parse(text)!, text);
    }

    /// <summary>The waves now; re-reads the report when a wave has finished since the last read (or the run ended).</summary>
    private async Task<IReadOnlyList<WaveRow>> RowsAsync(JsonNode run, CancellationToken ct)
    {
        if (run["rollout"] is not { } rollout) return [];
        var wave = rollout["wave"]?.GetValue<int>() ?? 0;
        var ended = RunPoller.HasEnded(run);
        if ((wave > 1 && wave != _countedAtWave) || (ended && _countedAtWave != int.MaxValue))
        {
            _counts = RolloutWaves.FromReport(await api.GetReportAsync(id, ct: ct).ConfigureAwait(false));
            _countedAtWave = ended ? int.MaxValue : wave;
        }
        return RolloutWaves.Rows(rollout, _counts, ended);
    }

    private async Task<JsonNode> PlainAsync(TimeSpan interval, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (last, lastAt, printedWaves) = ((string?)null, TimeSpan.Zero, 0);
        JsonNode run = null!;
        await foreach (var view in RunPoller.PollAsync(api, id, interval, ct).ConfigureAwait(false))
        {
            run = view;
            var rows = await RowsAsync(run, ct).ConfigureAwait(false);
            foreach (var done in rows.Skip(printedWaves).TakeWhile(r => r.Status == "done"))
            {
                console.Line(RolloutWavesTable.Line(done));
                printedWaves++;
            }
            var line = RolloutWaves.Headline(id, run);
            if (line == last && watch.Elapsed - lastAt < SweepProgressView.PlainHeartbeat) continue;
            console.Line($"{line} [{watch.Elapsed.TotalSeconds:0.0} s]");
            (last, lastAt) = (line, watch.Elapsed);
        }
        return run;
    }

    private async Task<JsonNode> LiveAsync(TimeSpan interval, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        JsonNode run = null!;
        await console.Out.Live(new Text($"rollout {id}: starting")).AutoClear(true).StartAsync(async ctx =>
        {
            await foreach (var view in RunPoller.PollAsync(api, id, interval, ct).ConfigureAwait(false))
            {
                run = view;
                ctx.UpdateTarget(Frame(run, await RowsAsync(run, ct).ConfigureAwait(false), watch.Elapsed));
                ctx.Refresh();
            }
        }).ConfigureAwait(false);
        return run;
    }

    private IRenderable Frame(JsonNode run, IReadOnlyList<WaveRow> rows, TimeSpan elapsed)
    {
        var parts = new List<IRenderable> { new Markup($"[dim]{elapsed.TotalSeconds,4:0} s[/]  [bold]{Markup.Escape(RolloutWaves.Headline(id, run))}[/]") };
        if (rows.Count > 0) parts.Add(RolloutWavesTable.Create(console, rows));
        if (run["rollout"]?["state"]?.GetValue<string>() == "waiting-approval")
            parts.Add(new Markup($"[yellow]waiting for approval:[/] fleetops run {Markup.Escape(id)} approve|reject [[--by NAME]] [[--reason TEXT]]"));
        return new Rows(parts);
    }
}
