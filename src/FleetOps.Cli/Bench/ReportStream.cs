using System.Diagnostics;
using FleetOps.Api;
using FleetOps.Api.Client;

namespace FleetOps.Cli.Bench;

/// <summary>
/// Reads a run's JSON report as a client would save it, without keeping it: its size and how long it took, and the host's
/// peak RSS after it (a report that streamed leaves the peak where the sweep left it).
/// </summary>
internal static class ReportStream
{
    public static async Task<(long Bytes, TimeSpan Elapsed)> DrainAsync(FleetOpsApiClient api, string runId, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var path = Routes.GetRunReport.Path([runId], [new(ReportsApi.FormatQuery, "json")]);
        using var response = await api.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[81920];
        long bytes = 0;
        for (int read; (read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0;) bytes += read;
        return (bytes, watch.Elapsed);
    }
}
