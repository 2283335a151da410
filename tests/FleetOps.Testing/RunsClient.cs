using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Testing;

/// <summary>The FleetOps HTTP API as a test drives it: raw JSON in, JsonNode out, nothing hidden.</summary>
public sealed class RunsClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostSweepAsync(string json) =>
        http.PostAsync("/api/sweeps", new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<string> StartSweepAsync(string json)
    {
        using var response = await PostSweepAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode is not (200 or 202)) throw new HttpRequestException($"POST /api/sweeps → {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public async Task<JsonNode?> GetRunAsync(string id)
    {
        using var response = await http.GetAsync($"/api/runs/{id}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

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

    public async Task<JsonNode> GetReportAsync(string id)
    {
        using var response = await http.GetAsync($"/api/runs/{id}/report");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonArray> ListRunsAsync()
    {
        using var response = await http.GetAsync("/api/runs?limit=1000");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runs"]!.AsArray();
    }

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
