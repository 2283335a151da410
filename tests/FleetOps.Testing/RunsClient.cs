using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;

namespace FleetOps.Testing;

/// <summary>
/// The FleetOps HTTP API as a test drives it: the typed <see cref="FleetOpsApiClient"/> (paths from the route table),
/// raw JSON in, JsonNode out, plus the waiting tests need.
/// </summary>
public sealed class RunsClient(HttpClient http)
{
    public FleetOpsApiClient Client { get; } = new(http);

    public HttpClient Http => http;

    /// <summary>One call to a route, the response as it came (for tests of statuses, headers and problems).</summary>
    public Task<HttpResponseMessage> SendAsync(ApiRoute route, IReadOnlyList<string>? values = null, HttpContent? content = null,
        IEnumerable<KeyValuePair<string, string?>>? query = null) => Client.SendAsync(route, values, content, query);

    public Task<HttpResponseMessage> PostSweepAsync(string json) => SendAsync(Routes.StartSweep, content: FleetOpsApiClient.Json(json));

    public async Task<string> StartSweepAsync(string json) => (await Client.StartSweepAsync(json))["id"]!.GetValue<string>();

    public Task<JsonNode?> GetRunAsync(string id) => Client.GetRunAsync(id);

    public async Task<JsonNode> WaitForRunAsync(string id, TimeSpan timeout, Func<JsonNode, bool>? until = null)
    {
        until ??= run => run["runtimeStatus"]!.GetValue<string>() is "Completed" or "Failed" or "Terminated";
        var deadline = DateTime.UtcNow + timeout;
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await GetRunAsync(id);
                if (last is not null && until(last)) return last;
            }
            catch (HttpRequestException)
            {
                // The host may be restarting in crash tests: keep polling until the deadline.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"run {id} did not reach the expected state within {timeout}; last seen: {last?.ToJsonString()}");
    }

    public Task<JsonNode> GetReportAsync(string id) => Client.GetReportAsync(id);

    public Task<JsonArray> ListRunsAsync() => Client.ListRunsAsync(limit: 1000);

    /// <summary>The checks of <see cref="SweepJson"/> unless told otherwise: tcp, then http GET /health.</summary>
    public const string DefaultChecksJson = """[{"kind":"tcp"},{"kind":"http","path":"/health"}]""";

    public static string SweepJson(string targetsJson, object? options = null, string? requestId = null, string checksJson = DefaultChecksJson)
    {
        var request = new JsonObject
        {
            ["targets"] = JsonNode.Parse(targetsJson),
            ["checks"] = JsonNode.Parse(checksJson),
        };
        if (requestId is not null) request["requestId"] = requestId;
        if (options is not null) request["options"] = JsonSerializer.SerializeToNode(options, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return request.ToJsonString();
    }
}
