using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FleetOps.Testing;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.AlertKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// A real Prometheus Alertmanager (Debian's prometheus-alertmanager, which scripts/test.sh installs) on loopback:
/// a down delivered through FleetOps is a firing alert in <c>/api/v2/alerts</c>, and the up resolves that very alert
/// (it leaves the active list, and Alertmanager's own webhook reports it resolved).
/// </summary>
[Collection(AlertHostCollection.Name)]
public sealed class AlertmanagerTests(AlertHostEnvironment env, ITestOutputHelper output) : IAsyncLifetime
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fleetops-am-" + Guid.NewGuid().ToString("N")[..8]);
    private ChildProcess? _alertmanager;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing: install the Debian package prometheus-alertmanager (scripts/test.sh does: apt-get install -y prometheus-alertmanager, as root)");
        Directory.CreateDirectory(_folder);
        var port = FreePorts.Next();
        // Alertmanager tells its own receiver (ours, on loopback) what fires and what resolves.
        await File.WriteAllTextAsync(Path.Combine(_folder, "am.yml"), $$"""
            route: { receiver: hook, group_by: [alertname, monitor, target], group_wait: 1s, group_interval: 1s, repeat_interval: 1h }
            receivers: [ { name: hook, webhook_configs: [ { url: "{{env.Receiver.BaseUrl}}/am-webhook", send_resolved: true } ] } ]
            """);
        _alertmanager = ChildProcess.Start(Binary, [
            $"--config.file={Path.Combine(_folder, "am.yml")}", $"--storage.path={Path.Combine(_folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="]);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200))
        {
            try { if ((await _http.GetAsync("/-/ready")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            if (_alertmanager.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"Alertmanager did not start:\n{_alertmanager.Output()}");
        }
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_alertmanager is not null) await _alertmanager.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_down_fires_in_alertmanager_and_the_up_resolves_the_same_alert()
    {
        var notifier = "am-" + Guid.NewGuid().ToString("N")[..8];
        await env.Api.PutOkAsync(notifier, $$$"""{"kind":"alertmanager","url":"{{{_http.BaseAddress!.ToString().TrimEnd('/')}}}","alertLabels":{"team":"net"}}""");
        var target = "gw-" + Guid.NewGuid().ToString("N")[..6];
        var down = Down("edge", target, DateTimeOffset.UtcNow.AddSeconds(-30));
        await EnqueueAsync(env.Storage.ConnectionString, down.To(notifier));

        var firing = await AlertAsync(target, a => a is not null, "firing");
        output.WriteLine($"firing: {firing!.ToJsonString()}");
        Assert.Equal("active", firing["status"]!["state"]!.GetValue<string>());
        Assert.Equal(("FleetOpsTargetDown", "edge", "net"), (firing["labels"]!["alertname"]!.GetValue<string>(), firing["labels"]!["monitor"]!.GetValue<string>(), firing["labels"]!["team"]!.GetValue<string>()));
        Assert.Equal(down.Id, firing["annotations"]!["fleetops_id"]!.GetValue<string>());
        Assert.Contains($"{target} down", firing["annotations"]!["summary"]!.GetValue<string>());
        Assert.Equal(down.Since.ToUnixTimeSeconds(), Time(firing["startsAt"]).ToUnixTimeSeconds());
        // Firing: held open for holdFor (default 24 h), since FleetOps sends on changes and does not re-send.
        Assert.True(Time(firing["endsAt"]) > DateTimeOffset.UtcNow.AddHours(23), $"endsAt {firing["endsAt"]} is not a day ahead");
        await env.Receiver.UntilAsync(r => Webhooks(r, target).Any(w => w["status"]!.GetValue<string>() == "firing"), 60, "Alertmanager's firing notification");

        var up = Up(down);
        await EnqueueAsync(env.Storage.ConnectionString, up.To(notifier));
        // /api/v2/alerts leaves out an alert whose endsAt has passed: the resolve set it.
        await AlertAsync(target, a => a is null, "resolved (no longer active)");
        await env.Receiver.UntilAsync(r => Webhooks(r, target).Any(w => w["status"]!.GetValue<string>() == "resolved"), 60, "Alertmanager's resolved notification");
        var resolved = Webhooks(env.Receiver, target).First(w => w["status"]!.GetValue<string>() == "resolved");
        output.WriteLine($"resolved: {resolved.ToJsonString()}");
        // The very alert that fired (same labels, so same fingerprint and start), not a new one.
        var alert = resolved["alerts"]!.AsArray().Single(a => a!["labels"]!["target"]!.GetValue<string>() == target)!;
        Assert.Equal(firing["fingerprint"]!.GetValue<string>(), alert["fingerprint"]!.GetValue<string>());
        Assert.Equal(firing["startsAt"]!.GetValue<string>(), alert["startsAt"]!.GetValue<string>());
        Assert.Equal("resolved", alert["status"]!.GetValue<string>());
        Assert.Equal(up.Since.ToUnixTimeSeconds(), Time(alert["endsAt"]).ToUnixTimeSeconds()); // ended when the target came back up
    }

    private static DateTimeOffset Time(JsonNode? text) => DateTimeOffset.Parse(text!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The alert for <paramref name="target"/> in Alertmanager's /api/v2/alerts, once <paramref name="until"/> holds.</summary>
    private async Task<JsonNode?> AlertAsync(string target, Func<JsonNode?, bool> until, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var alerts = (await _http.GetFromJsonAsync<JsonArray>("/api/v2/alerts"))!;
            var alert = alerts.FirstOrDefault(a => a!["labels"]!["target"]?.GetValue<string>() == target);
            if (until(alert)) return alert;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Alertmanager: alert for {target} not {what} within 60 s: {alerts.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    /// <summary>The notifications Alertmanager's webhook sent about <paramref name="target"/>.</summary>
    private static IEnumerable<JsonNode> Webhooks(NotificationReceiver receiver, string target) =>
        receiver.On("/am-webhook").Select(r => r.Json()).Where(w => w["alerts"]!.AsArray().Any(a => a!["labels"]!["target"]?.GetValue<string>() == target));
}
