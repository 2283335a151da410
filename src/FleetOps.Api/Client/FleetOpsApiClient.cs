using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Api.Client;

/// <summary>
/// The FleetOps HTTP API as methods, for the CLI and the tests: every path is built from the route table with each
/// path value and query value escaped, and a refusal surfaces as a <see cref="FleetOpsApiException"/> whose message
/// is the server's problem detail. <see cref="SendAsync"/> gives the raw response for callers that inspect it.
/// </summary>
public sealed partial class FleetOpsApiClient(HttpClient http)
{
    /// <summary>The run actions of <c>fleetops run &lt;id&gt; ACTION</c>, each a POST route.</summary>
    public static readonly IReadOnlyDictionary<string, ApiRoute> RunActions = new Dictionary<string, ApiRoute>(StringComparer.Ordinal)
    {
        ["approve"] = Routes.ApproveRun,
        ["reject"] = Routes.RejectRun,
        ["pause"] = Routes.PauseRun,
        ["resume"] = Routes.ResumeRun,
        ["retune"] = Routes.RetuneRun,
        ["cancel"] = Routes.CancelRun,
    };

    public HttpClient Http => http;

    /// <summary>A client for <paramref name="server"/>, sending <paramref name="apiKey"/> as <c>x-functions-key</c> when given.</summary>
    public static FleetOpsApiClient Create(Uri server, string? apiKey, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = timeout ?? TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add("x-functions-key", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new FleetOpsApiClient(client);
    }

    /// <summary>One call to a route, the response as it came.</summary>
    public Task<HttpResponseMessage> SendAsync(ApiRoute route, IReadOnlyList<string>? values = null, HttpContent? content = null,
        IEnumerable<KeyValuePair<string, string?>>? query = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path(values ?? [], query)) { Content = content };
        return SendDisposingAsync(request, ct);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>POST /api/sweeps: the 202 (or 200 when the requestId already ran) body, with the run's <c>id</c>.</summary>
    public Task<JsonNode> StartSweepAsync(string requestJson, CancellationToken ct = default) =>
        ReadAsync(Routes.StartSweep, [], Json(requestJson), null, ct);

    /// <summary>POST /api/rollouts.</summary>
    public Task<JsonNode> StartRolloutAsync(string requestJson, CancellationToken ct = default) =>
        ReadAsync(Routes.StartRollout, [], Json(requestJson), null, ct);

    /// <summary>GET /api/runs/{id}, or null when there is no such run.</summary>
    public Task<JsonNode?> GetRunAsync(string id, CancellationToken ct = default) => ReadOrNullAsync(Routes.GetRun, [id], null, ct);

    /// <summary>GET /api/runs?status=&amp;limit=: the runs, newest first.</summary>
    public async Task<JsonArray> ListRunsAsync(string? status = null, int? limit = null, CancellationToken ct = default) =>
        (await ReadAsync(Routes.ListRuns, [], null, [new(RunsApi.StatusQuery, status), new(RunsApi.LimitQuery, limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))], ct)
            .ConfigureAwait(false))["runs"]!.AsArray();

    /// <summary>GET /api/runs/{id}/report as JSON.</summary>
    public Task<JsonNode> GetReportAsync(string id, string? diff = null, CancellationToken ct = default) =>
        ReadAsync(Routes.GetRunReport, [id], null, [new(ReportsApi.DiffQuery, diff)], ct);

    /// <summary>GET /api/runs/{id}/report?format=json|markdown|html as text.</summary>
    public async Task<string> GetReportTextAsync(string id, string format, string? diff = null, CancellationToken ct = default)
    {
        using var response = await SendAsync(Routes.GetRunReport, [id], null, [new(ReportsApi.FormatQuery, format), new(ReportsApi.DiffQuery, diff)], ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw Refused(Routes.GetRunReport, response.StatusCode, text);
        return text;
    }

    /// <summary>POST /api/runs/{id}/{action} (see <see cref="RunActions"/>) with an optional JSON body.</summary>
    public Task<JsonNode> ControlAsync(string id, string action, JsonObject? body = null, CancellationToken ct = default) =>
        RunActions.TryGetValue(action, out var route)
            ? ReadAsync(route, [id], body is null ? null : Json(body.ToJsonString()), null, ct)
            : throw new ArgumentException($"'{action}' is not one of {string.Join(", ", RunActions.Keys)}", nameof(action));

    /// <summary>PUT /api/inventories/{name}: the file as it is, its format named or detected.</summary>
    public Task<JsonNode> PutInventoryAsync(string name, string text, string? format = null, CancellationToken ct = default) =>
        ReadAsync(Routes.PutInventory, [name], new StringContent(text, Encoding.UTF8, "text/plain"), [new(InventoriesApi.FormatQuery, format)], ct);

    /// <summary>GET /api/inventories/{name}, with how many hosts <paramref name="selector"/> selects; null when there is none.</summary>
    public Task<JsonNode?> GetInventoryAsync(string name, string? selector = null, CancellationToken ct = default) =>
        ReadOrNullAsync(Routes.GetInventory, [name], [new(InventoriesApi.SelectorQuery, selector)], ct);

    /// <summary>DELETE /api/inventories/{name}: false when there was none.</summary>
    public async Task<bool> DeleteInventoryAsync(string name, CancellationToken ct = default) =>
        await ReadOrNullAsync(Routes.DeleteInventory, [name], null, ct).ConfigureAwait(false) is not null;

    /// <summary>GET /api/inventories/{name}/hosts: one page of hosts (optionally those a selector picks).</summary>
    public Task<JsonNode> ListInventoryHostsAsync(string name, string? selector = null, int? limit = null, string? continuationToken = null, CancellationToken ct = default) =>
        ReadAsync(Routes.ListInventoryHosts, [name], null,
            [new(InventoriesApi.SelectorQuery, selector), new(MonitorsApi.LimitQuery, limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new(MonitorsApi.ContinuationQuery, continuationToken)], ct);

    /// <summary>GET /api/inventories: the names of the stored inventories.</summary>
    public async Task<JsonArray> ListInventoriesAsync(CancellationToken ct = default) =>
        (await ReadAsync(Routes.ListInventories, [], null, null, ct).ConfigureAwait(false))["inventories"]!.AsArray();

    private async Task<JsonNode> ReadAsync(ApiRoute route, IReadOnlyList<string> values, HttpContent? content,
        IEnumerable<KeyValuePair<string, string?>>? query, CancellationToken ct)
    {
        using var response = await SendAsync(route, values, content, query, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw Refused(route, response.StatusCode, text);
        return JsonNode.Parse(text) ?? throw new HttpRequestException($"{route} answered {(int)response.StatusCode} with no body");
    }

    private async Task<JsonNode?> ReadOrNullAsync(ApiRoute route, IReadOnlyList<string> values, IEnumerable<KeyValuePair<string, string?>>? query, CancellationToken ct)
    {
        try
        {
            return await ReadAsync(route, values, null, query, ct).ConfigureAwait(false);
        }
        catch (FleetOpsApiException e) when (e.StatusCode == HttpStatusCode.NotFound && e.Fields.Count > 0)
        {
            return null; // the route exists and named what it did not find
        }
    }

    private async Task<HttpResponseMessage> SendDisposingAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request) return await http.SendAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>The problem's detail when the body is one, else the body's text (cut), else the status.</summary>
    private static FleetOpsApiException Refused(ApiRoute route, HttpStatusCode status, string text)
    {
        JsonNode? problem = null;
        try
        {
            problem = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
        }
        var detail = (problem as JsonObject)?["detail"]?.GetValue<string>()
            ?? (text.Length > 0 ? text[..Math.Min(text.Length, 500)] : $"{(int)status} {status}");
        return new FleetOpsApiException(route, status, detail, problem);
    }
}
