using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Core;
using FleetOps.Core.Monitors;
using FleetOps.Core.Results;
using FleetOps.Testing;
using FleetOps.Workflows.Alerts;
using FleetOps.Workflows.Queue;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// What the alert tests do through the public edges only: notifiers over HTTP, alerts as messages on
/// alert-deliveries (the contract monitors and rollouts hand alerts over by), poison records read from the queue.
/// </summary>
internal static class AlertKit
{
    public static QueueClient Queue(string connectionString, string name) =>
        new(connectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Puts messages on alert-deliveries as a monitor's planner (AlertOutbox) would.</summary>
    public static async Task EnqueueAsync(string connectionString, params AlertMessage[] messages)
    {
        var queue = Queue(connectionString, AlertOutbox.QueueName);
        await queue.CreateIfNotExistsAsync();
        foreach (var message in messages) await queue.SendMessageAsync(JsonSerializer.Serialize(message, FleetOpsJson.Options));
    }

    public static async Task<(int Status, JsonNode? Body, string Text)> PutNotifierAsync(this RunsClient api, string name, string json)
    {
        using var response = await api.SendAsync(Routes.PutNotifier, [name], FleetOpsApiClient.Json(json));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
    }

    public static async Task<(int Status, JsonNode? Body, string Text)> CallAsync(this RunsClient api, ApiRoute route, params string[] values)
    {
        using var response = await api.SendAsync(route, values);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
    }

    public static async Task PutOkAsync(this RunsClient api, string name, string json)
    {
        var (status, _, text) = await api.PutNotifierAsync(name, json);
        if (status is not (200 or 201)) throw new Xunit.Sdk.XunitException($"PUT notifier {name} → {status}: {text}");
    }

    private static long _cycle = DateTime.UtcNow.Ticks;

    /// <summary>A target's change to down (a new cycle each time, so a new alert id).</summary>
    public static MonitorAlert Down(string monitor, string target, DateTimeOffset? since = null)
    {
        var cycle = Interlocked.Increment(ref _cycle);
        var at = since ?? DateTimeOffset.UtcNow;
        return new MonitorAlert
        {
            Id = AlertIds.ForChange(monitor, target, cycle, MonitorState.Down), Monitor = monitor, Target = target, Address = "10.0.0.1:22",
            Kind = AlertKind.Down, State = MonitorState.Down, Previous = MonitorState.Up, Since = at, Cycle = cycle, PlannedCycle = cycle, PlannedAt = at,
            FailingCheck = "tcp:22", ErrorKind = ErrorKind.Refused, Error = "connection refused", IncidentKey = AlertIds.IncidentKey(monitor, target),
        };
    }

    /// <summary>The same target back up: resolves <paramref name="down"/>.</summary>
    public static MonitorAlert Up(MonitorAlert down, DateTimeOffset? at = null)
    {
        var cycle = Interlocked.Increment(ref _cycle);
        var when = at ?? DateTimeOffset.UtcNow;
        return down with
        {
            Id = AlertIds.ForChange(down.Monitor, down.Target, cycle, MonitorState.Up), Kind = AlertKind.Up, State = MonitorState.Up, Previous = MonitorState.Down,
            DownSince = down.Since, Since = when, Cycle = cycle, PlannedCycle = cycle, PlannedAt = when, FailingCheck = null, ErrorKind = null, Error = null,
        };
    }

    public static AlertMessage To(this MonitorAlert alert, string notifier) => new(notifier) { Alert = alert, QueuedAt = DateTimeOffset.UtcNow };

    /// <summary>Every record on alert-deliveries-poison (peeked: left in place).</summary>
    public static async Task<List<PoisonMessage>> PoisonedAsync(string connectionString)
    {
        var queue = Queue(connectionString, AlertOutbox.QueueName + "-poison");
        if (!(await queue.ExistsAsync()).Value) return [];
        return [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => JsonSerializer.Deserialize<PoisonMessage>(m.Body.ToString(), FleetOpsJson.Options)!)];
    }

    public static async Task<PoisonMessage> PoisonedAsync(string connectionString, string alertId, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if ((await PoisonedAsync(connectionString)).FirstOrDefault(p => p.Message?.Contains(alertId, StringComparison.Ordinal) == true) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"alert {alertId} not poisoned within {seconds} s");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until alert-deliveries is empty: every message (retries included) taken off for good.</summary>
    public static async Task DrainedAsync(string connectionString, int seconds)
    {
        var queue = Queue(connectionString, AlertOutbox.QueueName);
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0; await Task.Delay(200))
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"alert-deliveries did not drain within {seconds} s");
    }

    public static JsonNode Json(this ReceivedNotification r) => JsonNode.Parse(Encoding.UTF8.GetString(r.Body))!;
}
