using System.Text.Json.Nodes;
using FleetOps.Core.Notifiers;
using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>A self-host whose monitors may run seconds apart (the operator's floor lowered, as in a lab) and reconcile every 5 s.</summary>
public sealed class MonitorHostEnvironment : SelfHostEnvironment
{
    protected override IDictionary<string, string?> HostEnvironment => MonitorKit.Settings;

    public AlertInbox Alerts { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Alerts = await AlertInbox.StartAsync(Storage.ConnectionString);
        await Alerts.DefineNotifierAsync(Api);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Alerts is not null) await Alerts.DisposeAsync();
    }
}

/// <summary>Definitions, event reading and waiting for monitor tests.</summary>
public static class MonitorKit
{
    public static Dictionary<string, string?> Settings => new()
    {
        ["FleetOps__Monitors__MinInterval"] = "00:00:01",
        ["FleetOps__Monitors__MinHeartbeatPeriod"] = "00:00:01",
        ["FleetOps__Monitors__ReconcileSchedule"] = "*/5 * * * * *",
        // The alerts go to AlertInbox's receiver on loopback, signed with a key given by setting.
        ["FleetOps__Notifiers__Allow__0"] = "127.0.0.0/8",
        ["MONITOR_HOOK_KEY"] = AlertInbox.SigningKey,
    };

    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Every node of the fleet as a target (tcp + http /health), with extra labels where given.</summary>
    public static JsonArray Targets(SimulatedFleet fleet, Func<SimulatedNode, IDictionary<string, string>?>? labels = null)
    {
        var targets = new JsonArray();
        foreach (var node in fleet.Nodes)
        {
            var target = new JsonObject { ["name"] = node.Name, ["address"] = node.Address };
            if (labels?.Invoke(node) is { Count: > 0 } extra)
            {
                var l = new JsonObject();
                foreach (var (k, v) in extra) l[k] = v;
                target["labels"] = l;
            }
            targets.Add(target);
        }
        return targets;
    }

    public static JsonObject Definition(JsonArray targets, string interval = "2s", int failureThreshold = 3, int successThreshold = 2) => new()
    {
        ["targets"] = targets,
        ["checks"] = new JsonArray(new JsonObject { ["kind"] = "tcp" }, new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
        ["options"] = new JsonObject { ["timeoutMs"] = 1000 },
        ["interval"] = interval,
        ["failureThreshold"] = failureThreshold,
        ["successThreshold"] = successThreshold,
        ["notifiers"] = new JsonArray(new JsonObject { ["name"] = "ops" }),
    };

    /// <summary>Every event of the monitor, oldest first (all pages).</summary>
    public static async Task<List<JsonNode>> EventsAsync(RunsClient api, string monitor)
    {
        var all = new List<JsonNode>();
        string? continuation = null;
        do
        {
            var page = await api.Client.GetMonitorEventsAsync(monitor, 1000, continuation);
            all.AddRange(page["events"]!.AsArray().Select(e => e!));
            continuation = page["continuationToken"]?.GetValue<string>();
        }
        while (continuation is not null);
        all.Reverse();
        return all;
    }

    public static IEnumerable<JsonNode> Of(this IEnumerable<JsonNode> events, string kind, string? target = null) =>
        events.Where(e => e["kind"]!.GetValue<string>() == kind && (target is null || e["target"]?.GetValue<string>() == target));

    public static string? Str(this JsonNode node, string field) => node[field]?.GetValue<string>();

    /// <summary>Polls <paramref name="probe"/> until it returns a value (or fails with the last one seen).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {timeout}: {what}");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the monitor has run at least <paramref name="cycles"/> more cycles than now.</summary>
    public static async Task<JsonNode> CyclesAsync(RunsClient api, string monitor, int cycles, TimeSpan timeout)
    {
        long? first = null;
        var seen = 0;
        long last = -1;
        return await UntilAsync(async () =>
        {
            var m = await api.Client.GetMonitorAsync(monitor);
            var cycle = m?["runtime"]?["cycle"]?.GetValue<long>() ?? 0;
            if (cycle != last && m?["runtime"]?["phase"]?.GetValue<string>() != "probing") { seen++; last = cycle; }
            first ??= cycle;
            return seen > cycles ? m : null;
        }, timeout, $"{cycles} cycles of {monitor}");
    }
}

/// <summary>
/// Where monitors' alerts arrive: a webhook receiver on loopback behind the notifier <see cref="Notifier"/>, each
/// request's HMAC signature checked, read in arrival order as <c>{ "notifier", "alert", "idempotencyKey" }</c>. A read
/// first waits for alert-deliveries to drain, so every alert handed to delivery so far has been delivered (or poisoned).
/// </summary>
public sealed class AlertInbox(string connectionString, NotificationReceiver receiver) : IAsyncDisposable
{
    public const string Notifier = "ops";
    public const string SigningKey = "MONITOR-HOOK-KEY-5d1e8a";

    public NotificationReceiver Receiver => receiver;

    public static async Task<AlertInbox> StartAsync(string connectionString) => new(connectionString, await NotificationReceiver.StartAsync());

    /// <summary>Defines the notifier the monitors name, through the API of a running host.</summary>
    public Task DefineNotifierAsync(RunsClient api) =>
        api.PutOkAsync(Notifier, $$$"""{"kind":"webhook","url":"{{{receiver.BaseUrl}}}/{{{Notifier}}}","signingKey":{"fromSetting":"MONITOR_HOOK_KEY"}}""");

    /// <summary>Every alert of <paramref name="monitor"/> (and <paramref name="target"/>) received so far, in arrival order.</summary>
    public async Task<List<JsonNode>> ReadAsync(string monitor, string? target = null)
    {
        await AlertKit.DrainedAsync(connectionString, 90);
        var alerts = new List<JsonNode>();
        foreach (var r in receiver.On("/" + Notifier))
        {
            Assert.True(WebhookSignature.Verify(SigningKey, r.Header(WebhookSignature.TimestampHeader), r.Header(WebhookSignature.SignatureHeader),
                r.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10)), $"bad signature on {r.IdempotencyKey}");
            if (r.Json()["alert"] is not JsonObject alert || alert.Str("monitor") != monitor || (target is not null && alert.Str("target") != target)) continue;
            alerts.Add(new JsonObject { ["notifier"] = Notifier, ["alert"] = alert.DeepClone(), ["idempotencyKey"] = r.IdempotencyKey });
        }
        return alerts;
    }

    public ValueTask DisposeAsync() => receiver.DisposeAsync();
}
