using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Runs;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// A sweep's progress until it ends: a progress bar over its targets on a terminal; elsewhere a plain line each time
/// the counts change (and every <see cref="PlainHeartbeat"/> while they do not), so a CI log shows it is alive.
/// </summary>
internal static class SweepProgressView
{
    public static readonly TimeSpan PlainHeartbeat = TimeSpan.FromSeconds(30);

    /// <returns>The run as it ended.</returns>
    public static Task<JsonNode> FollowAsync(FleetOpsApiClient api, CliConsole console, string id, TimeSpan interval, CancellationToken ct) =>
        console.Live ? LiveAsync(api, console, id, interval, ct) : PlainAsync(api, console, id, interval, ct);

    /// <summary>The line a log gets: batches, targets, ok and failed, without the time (so unchanged counts print nothing).</summary>
    public static string Counts(string id, JsonNode run) => run["progress"] is { } p
        ? $"sweep {id}: {p["batchesDone"]}/{p["batchesTotal"]} batches, {p["targetsDone"]}/{p["targetsTotal"]} targets, {p["ok"]} ok, {p["failed"]} failed"
        : $"sweep {id}: {RunPoller.Status(run).ToLowerInvariant()}";

    private static async Task<JsonNode> PlainAsync(FleetOpsApiClient api, CliConsole console, string id, TimeSpan interval, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        string? last = null;
        var lastAt = TimeSpan.Zero;
        JsonNode run = null!;
        await foreach (var view in RunPoller.PollAsync(api, id, interval, ct).ConfigureAwait(false))
        {
            run = view;
            var line = Counts(id, run);
            if (line == last && watch.Elapsed - lastAt < PlainHeartbeat && !RunPoller.HasEnded(run)) continue;
            console.Line($"{line} [{watch.Elapsed.TotalSeconds:0.0} s]");
            (last, lastAt) = (line, watch.Elapsed);
        }
        return run;
    }

    private static async Task<JsonNode> LiveAsync(FleetOpsApiClient api, CliConsole console, string id, TimeSpan interval, CancellationToken ct)
    {
        JsonNode run = null!;
        await console.Out.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape($"sweep {id}"), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                await foreach (var view in RunPoller.PollAsync(api, id, interval, ct).ConfigureAwait(false))
                {
                    run = view;
                    if (run["progress"] is { } p && p["targetsTotal"]?.GetValue<int>() is > 0 and var total)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = total;
                        task.Value = p["targetsDone"]?.GetValue<int>() ?? 0;
                        task.Description = Markup.Escape($"sweep {id}: {p["ok"]} ok, {p["failed"]} failed, {p["batchesDone"]}/{p["batchesTotal"]} batches");
                    }
                    if (RunPoller.HasEnded(run)) task.StopTask();
                    ctx.Refresh();
                }
            }).ConfigureAwait(false);
        return run;
    }
}
