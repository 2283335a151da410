using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>Starts a sweep on a FleetOps server, shows a progress line until it ends, and saves the report.</summary>
public sealed class SweepSession(HttpClient http, TextWriter console)
{
    public static HttpClient CreateClient(Uri server, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add("x-functions-key", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <returns>0 when the sweep completed, 1 when it ran but failed or was cancelled, 2 when the server refused it.</returns>
    public async Task<int> RunAsync(string requestJson, string reportDirectory, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var start = await http.PostAsync("/api/sweeps", new StringContent(requestJson, Encoding.UTF8, "application/json"), ct).ConfigureAwait(false);
        var startBody = await start.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!start.IsSuccessStatusCode)
        {
            await console.WriteLineAsync($"The server refused the sweep ({(int)start.StatusCode}): {Describe(startBody)}").ConfigureAwait(false);
            return 2;
        }
        var id = JsonNode.Parse(startBody)!["id"]!.GetValue<string>();
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
        using var response = await http.GetAsync($"/api/runs/{Uri.EscapeDataString(id)}/report?format={format}", ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
        return text;
    }

    private async Task<JsonNode> WaitAsync(string id, Stopwatch watch, CancellationToken ct)
    {
        var interactive = !Console.IsOutputRedirected && ReferenceEquals(console, Console.Out);
        string? lastLine = null;
        while (true)
        {
            using var response = await http.GetAsync($"/api/runs/{Uri.EscapeDataString(id)}", ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var run = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false))!;
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

    private static string Describe(string problemJson)
    {
        try
        {
            var problem = JsonNode.Parse(problemJson);
            return problem?["detail"]?.GetValue<string>() ?? problemJson;
        }
        catch (System.Text.Json.JsonException)
        {
            return problemJson;
        }
    }
}
