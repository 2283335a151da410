using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Runs;

/// <summary>Starts a sweep (or follows one that runs), shows its progress until it ends, prints its summary and saves its reports.</summary>
internal sealed class SweepSession(FleetOpsApiClient api, CliConsole console)
{
    /// <summary>Starts the sweep; a refusal is thrown as the server's problem.</summary>
    public async Task<int> RunAsync(string requestJson, string? reportDirectory, TimeSpan interval, CancellationToken ct)
    {
        var accepted = await api.StartSweepAsync(requestJson, ct).ConfigureAwait(false);
        var id = accepted["id"]!.GetValue<string>();
        console.Line($"sweep {id}: {accepted["targets"]} targets in {accepted["batches"]} batches{(accepted["created"]?.GetValue<bool>() == false ? " (this requestId already ran: following that run)" : "")}");
        return await FollowAsync(id, reportDirectory, interval, ct).ConfigureAwait(false);
    }

    /// <returns>0 when the sweep completed, 1 when it failed or was cancelled.</returns>
    public async Task<int> FollowAsync(string id, string? reportDirectory, TimeSpan interval, CancellationToken ct)
    {
        var run = await SweepProgressView.FollowAsync(api, console, id, interval, ct).ConfigureAwait(false);
        var completed = RunPoller.Status(run) == "Completed";
        if (!completed)
        {
            SweepSummaryView.Write(console, run, new JsonObject { ["results"] = new JsonArray() });
            return ExitCodes.RunFailed;
        }
        string reportText;
        if (reportDirectory is null)
        {
            reportText = await api.GetReportTextAsync(id, "json", ct: ct).ConfigureAwait(false);
            SweepSummaryView.Write(console, run, JsonNode.Parse(reportText)!);
            return ExitCodes.Ok;
        }
        Directory.CreateDirectory(reportDirectory);
        var basePath = Path.GetFullPath(Path.Combine(reportDirectory, $"sweep-{ReportFiles.SafeName(id)}"));
        reportText = await DownloadAsync(id, "json", basePath + ".json", ct).ConfigureAwait(false);
        await DownloadAsync(id, "markdown", basePath + ".md", ct).ConfigureAwait(false);
        await DownloadAsync(id, "html", basePath + ".html", ct).ConfigureAwait(false);
        SweepSummaryView.Write(console, run, JsonNode.Parse(reportText)!);
        console.Line();
        console.Line($"Full report: {basePath}.html");
        console.Line($"             {basePath}.json");
        console.Line($"             {basePath}.md");
        return ExitCodes.Ok;
    }

    /// <summary>Saves the server's report in one format to <paramref name="path"/> and returns its text.</summary>
    private async Task<string> DownloadAsync(string id, string format, string path, CancellationToken ct)
    {
        var text = await api.GetReportTextAsync(id, format, ct: ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
        return text;
    }
}
