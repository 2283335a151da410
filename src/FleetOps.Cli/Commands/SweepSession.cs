using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>Starts a sweep on a FleetOps server, shows a progress line until it ends, and saves the report.</summary>
public sealed class SweepSession(FleetOpsApiClient api, TextWriter console)
{
    /// <returns>0 when the sweep completed, 1 when it ran but failed or was cancelled, 2 when the server refused it.</returns>
    public async Task<int> RunAsync(string requestJson, string reportDirectory, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        string id;
        try
        {
            id = (await api.StartSweepAsync(requestJson, ct).ConfigureAwait(false))["id"]!.GetValue<string>();
        }
        catch (FleetOpsApiException e)
        {
            await console.WriteLineAsync($"The server refused the sweep ({(int)e.StatusCode!}): {e.Detail}").ConfigureAwait(false);
            return 2;
        }
        var run = await WaitAsync(id, watch, ct).ConfigureAwait(false);

        Directory.CreateDirectory(reportDirectory);
        var basePath = Path.GetFullPath(Path.Combine(reportDirectory, $"sweep-{id}"));
        var reportText = await DownloadAsync(id, "json", basePath + ".json", ct).ConfigureAwait(false);
        await DownloadAsync(id, "markdown", basePath + ".md", ct).ConfigureAwait(false);
        await DownloadAsync(id, "html", basePath + ".html", ct).ConfigureAwait(false);
        var report = JsonNode.Parse(reportText)!;

        await console.WriteAsync(SweepReportWriter.ConsoleSummary(run, report)).ConfigureAwait(false);
        await console.WriteLineAsync($"Full report: {basePath}.html").ConfigureAwait(false);
        await console.WriteLineAsync($"             {basePath}.json").ConfigureAwait(false);
        await console.WriteLineAsync($"             {basePath}.md").ConfigureAwait(false);
        return run["runtimeStatus"]!.GetValue<string>() == "Completed" ? 0 : 1;
    }

    /// <summary>Saves the server's report in one format to <paramref name="path"/> and returns its text.</summary>
    private async Task<string> DownloadAsync(string id, string format, string path, CancellationToken ct)
    {
        var text = await api.GetReportTextAsync(id, format, ct: ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
        return text;
    }

    private async Task<JsonNode> WaitAsync(string id, Stopwatch watch, CancellationToken ct)
    {
        var interactive = !Console.IsOutputRedirected && ReferenceEquals(console, Console.Out);
        string? lastLine = null;
        while (true)
        {
            var run = await api.GetRunAsync(id, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {id} is gone");
            var status = run["runtimeStatus"]!.GetValue<string>();
            var line = ProgressLine(id, status, run["progress"], watch.Elapsed);
            if (line != lastLine)
            {
                if (interactive) await console.WriteAsync("\r" + line.PadRight(lastLine?.Length ?? 0)).ConfigureAwait(false);
                else await console.WriteLineAsync(line).ConfigureAwait(false);
                lastLine = line;
            }
            if (status is "Completed" or "Failed" or "Terminated")
            {
                if (interactive) await console.WriteLineAsync().ConfigureAwait(false);
                return run;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
        }
    }

    private static string ProgressLine(string id, string status, JsonNode? p, TimeSpan elapsed) => p is null
        ? $"sweep {id}: {status.ToLowerInvariant()} [{elapsed.TotalSeconds:0.0} s]"
        : $"sweep {id}: {p["batchesDone"]}/{p["batchesTotal"]} batches, {p["targetsDone"]}/{p["targetsTotal"]} targets, {p["ok"]} ok, {p["failed"]} failed [{elapsed.TotalSeconds:0.0} s]";
}
