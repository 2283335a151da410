using System.Text.Json.Nodes;
using FleetOps.Testing;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.AlertKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// kill -9 of the self-host while it delivers alerts to a slow receiver: the restarted host delivers every alert, and
/// a receiver that honours Idempotency-Key acts on each once. Only alerts in flight at the kill reach it twice.
/// </summary>
public sealed class AlertDeliveryCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _storage = null!;
    private NotificationReceiver _receiver = null!;
    private string _hostJson = null!;

    public async Task InitializeAsync()
    {
        _storage = await Azurite.StartAsync();
        _receiver = await NotificationReceiver.StartAsync();
        // Two deliveries at a time, so the kill finds some alerts sent, some in flight and some not started.
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "host.json")))!;
        hostJson["extensions"]!["queues"]!["batchSize"] = 2;
        hostJson["extensions"]!["queues"]!["newBatchThreshold"] = 0;
        _hostJson = Path.Combine(Path.GetTempPath(), $"host-alerts-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_hostJson, hostJson.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _storage.DisposeAsync();
        File.Delete(_hostJson);
    }

    [Fact]
    public async Task Killed_host_restarts_and_every_alert_is_acted_on_once()
    {
        const int alerts = 10;
        _receiver.Respond = _ => (200, "ok", TimeSpan.FromMilliseconds(700));
        var hub = "acrash" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string?> { ["FleetOps__HostJson"] = _hostJson };
        var port = FreePorts.Next();
        var down = Enumerable.Range(0, alerts).Select(i => Down("edge", $"node-{i:D2}")).ToList();
        HashSet<string> seenBeforeKill;
        await using (var first = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, environment))
        {
            var api = first.CreateApi();
            await api.PutOkAsync("ops", $$"""{"kind":"webhook","url":"{{_receiver.BaseUrl}}/ops"}""");
            // Every alert twice, as a planner that ran again would enqueue it.
            await EnqueueAsync(_storage.ConnectionString, [.. down.Select(a => a.To("ops")), .. down.Select(a => a.To("ops"))]);
            await _receiver.UntilAsync(r => r.Requests.Count >= 4, 60, "deliveries under way");
            first.Process.KillHard();
            seenBeforeKill = [.. _receiver.Requests.Select(r => r.IdempotencyKey!)];
            output.WriteLine($"killed after {_receiver.Requests.Count} requests for {seenBeforeKill.Count} alerts");
            Assert.True(seenBeforeKill.Count < alerts, "every alert was delivered before the kill: the test proves nothing");
        }

        await using var second = await HostProcess.StartAsync(_storage.ConnectionString, hub, port, environment);
        await _receiver.UntilAsync(r => down.All(a => r.Accepted.ContainsKey(a.Id)), 150, "every alert delivered after the restart");
        await DrainedAsync(_storage.ConnectionString, 90);

        var raw = _receiver.RawByKey;
        var actedOn = down.Count(a => _receiver.Accepted.ContainsKey(a.Id));
        output.WriteLine($"receiver: {actedOn} of {alerts} alerts acted on (once each, by Idempotency-Key); raw deliveries per alert: " +
                         string.Join(" ", down.Select(a => raw.GetValueOrDefault(a.Id))) + $" (total {raw.Values.Sum()} for {alerts * 2} messages); " +
                         $"{raw.Count(r => r.Value > 1)} alerts reached it more than once");
        Assert.Equal(alerts, actedOn);
        Assert.Equal(alerts, raw.Count);
        // Only an alert in flight at the kill can come again (the window between the receiver's answer and the record).
        Assert.All(raw.Where(r => r.Value > 1), r => Assert.Contains(r.Key, seenBeforeKill));
        Assert.All(raw, r => Assert.True(r.Value <= 2, $"{r.Key} reached the receiver {r.Value} times"));
        Assert.Empty(await PoisonedAsync(_storage.ConnectionString));
    }
}
