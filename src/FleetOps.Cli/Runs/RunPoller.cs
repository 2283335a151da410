using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;

namespace FleetOps.Cli.Runs;

/// <summary>GET /api/runs/{id} every <c>interval</c> until the run has ended; each view is yielded, the last one ended.</summary>
internal static class RunPoller
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    public static bool HasEnded(JsonNode run) => Status(run) is "Completed" or "Failed" or "Terminated" or "Canceled";

    public static string Status(JsonNode run) => run["runtimeStatus"]?.GetValue<string>() ?? "Unknown";

    public static async IAsyncEnumerable<JsonNode> PollAsync(FleetOpsApiClient api, string id, TimeSpan interval,
        [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var run = await GetAsync(api, id, ct).ConfigureAwait(false);
            yield return run;
            if (HasEnded(run)) yield break;
            await Task.Delay(interval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The run, or the server's 404 as a refusal (the client gives null for it).</summary>
    public static async Task<JsonNode> GetAsync(FleetOpsApiClient api, string id, CancellationToken ct) =>
        await api.GetRunAsync(id, ct).ConfigureAwait(false)
            ?? throw new FleetOpsApiException(Routes.GetRun, HttpStatusCode.NotFound, $"id: no run has id '{id}'", null);
}
