using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Simulator;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Rollout requests over the simulated fleet and the calls the tests make, through the public HTTP API only.</summary>
internal static class RolloutKit
{
    public const string ActionPath = "/action/deploy", RollbackPath = "/action/rollback";

    /// <summary>
    /// A rollout of every node of <paramref name="fleet"/>: POST /action/deploy, a gate of /health every second
    /// (3 s deadline), and whatever <paramref name="customize"/> adds or replaces.
    /// </summary>
    public static string Request(SimulatedFleet fleet, Action<JsonObject>? customize = null)
    {
        var request = new JsonObject
        {
            ["name"] = "deploy",
            ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
            ["action"] = new JsonObject { ["url"] = "http://{{address}}" + ActionPath, ["body"] = """{"version":"2.0"}""", ["headers"] = new JsonObject { ["Content-Type"] = "application/json" } },
            ["gate"] = new JsonObject
            {
                ["checks"] = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
                ["intervalSeconds"] = 1,
                ["deadlineSeconds"] = 3,
            },
        };
        customize?.Invoke(request);
        return request.ToJsonString();
    }

    public static JsonArray Array(params object[] items) => new(items.Select(i => i switch
    {
        int n => (JsonNode)n,
        string s => s,
        JsonNode node => node,
        _ => throw new ArgumentException($"{i}"),
    }).ToArray());

    public static Task<HttpResponseMessage> PostAsync(this RunsClient api, string json) =>
        api.SendAsync(Routes.StartRollout, content: FleetOpsApiClient.Json(json));

    public static async Task<string> StartRolloutAsync(this RunsClient api, string json)
    {
        using var response = await api.PostAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode is not (200 or 202)) throw new HttpRequestException($"{Routes.StartRollout} → {(int)response.StatusCode}: {body}");
        Assert.Equal(Routes.RunPath(JsonNode.Parse(body)!["id"]!.GetValue<string>()), response.Headers.Location?.OriginalString);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public static async Task<(int Status, JsonNode? Body)> ControlAsync(this RunsClient api, string id, string action, object? body = null)
    {
        using var content = body is null ? null : new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await api.SendAsync(FleetOpsApiClient.RunActions[action], [id], content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The run once it has ended (a rollout ends Completed whatever its state: completed, halted, cancelled...).</summary>
    public static Task<JsonNode> WaitForEndAsync(this RunsClient api, string id, int seconds = 60) =>
        api.WaitForRunAsync(id, TimeSpan.FromSeconds(seconds));

    public static Task<JsonNode> WaitForStateAsync(this RunsClient api, string id, string state, int seconds = 60) =>
        api.WaitForRunAsync(id, TimeSpan.FromSeconds(seconds), r => State(r) == state || r["runtimeStatus"]!.GetValue<string>() is "Failed" or "Terminated");

    public static string? State(JsonNode run) => run["rollout"]?["state"]?.GetValue<string>();

    public static List<string> Events(JsonNode report) =>
        report["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();

    public static IEnumerable<JsonNode> Timeline(JsonNode report, string what) =>
        report["timeline"]!.AsArray().Where(e => e!["event"]!.GetValue<string>() == what).Select(e => e!);

    /// <summary>Waits until <paramref name="condition"/> holds, polling every 50 ms.</summary>
    public static async Task UntilAsync(Func<bool> condition, int seconds, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {seconds} s: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// A fleet whose node names no other fleet of this test run has: inline nodes lock on their names, and fleets of
    /// tests running side by side must not share a lock.
    /// </summary>
    public static Task<SimulatedFleet> FleetAsync(int nodes, TimeSpan? actionDelay = null) =>
        SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = nodes,
            NamePrefix = $"n{Guid.NewGuid().ToString("N")[..6]}-",
            ActionDelay = actionDelay ?? TimeSpan.Zero,
        });

    public static long Applied(this SimulatedFleet fleet, string path = ActionPath) => fleet.Nodes.Sum(n => fleet.ActionsApplied(n.Name, path));
}
