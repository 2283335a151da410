using FleetOps.Api.Client;

namespace FleetOps.EndToEnd.Tests;

/// <summary><c>fleetops apply -f</c> and <c>fleetops monitors</c> against the real self-host.</summary>
public sealed partial class CliTests
{
    private const string Secret = "E2E-INLINE-SIGNING-SECRET-42";

    private static string ApplyFile(string id, string interval, bool full, string secret = Secret) => $$"""
        set: {{id}}
        notifiers:
          {{id}}-ops:
            kind: webhook
            url: http://127.0.0.1:9/hook
            signingKey: {{secret}}
        {{(full ? $"  {id}-chat: {{ kind: slack, url: {{ fromSetting: E2E_SLACK_URL }} }}" : "")}}
        monitors:
          {{id}}-edge:
            targets: [ { name: web-1, address: "127.0.0.1:9" } ]
            checks: [ { kind: tcp } ]
            interval: {{interval}}
            notifiers: [ { name: {{id}}-ops, repeatEvery: 1h } ]
            labels: { team: net }
        {{(full ? $"  {id}-beat: {{ heartbeat: {{ period: 5m }}, notifiers: [ {{ name: {id}-chat }} ] }}" : "")}}
        """;

    private static async Task<string> WriteApplyFileAsync(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task Apply_creates_then_finds_unchanged_then_changes_and_prunes_and_refuses_a_bad_file_before_sending()
    {
        var id = "ap" + Guid.NewGuid().ToString("N")[..8];
        var dir = Directory.CreateTempSubdirectory("apply").FullName;
        var v1 = await WriteApplyFileAsync(dir, "v1.yaml", ApplyFile(id, "30s", full: true));
        var api = env.Api.Client;

        var first = await RunAsync("apply", "-f", v1, "--server", Server);
        Assert.True(first.Exit == 0, first.ToString());
        foreach (var item in new[] { $"notifier {id}-ops", $"notifier {id}-chat", $"monitor  {id}-edge", $"monitor  {id}-beat" })
            Assert.Matches($@"(?m)^{item}\s+created", first.Output);
        Assert.Contains($"v1.yaml (set '{id}'): 4 created, 0 changed, 0 unchanged, 0 removed", first.Output);
        Assert.Contains("heartbeat link (shown once, keep it): http", first.Output);
        Assert.DoesNotContain(Secret, first.Output + string.Join('\n', first.Errors), StringComparison.Ordinal);
        var beat = await api.GetMonitorAsync($"{id}-beat");
        Assert.Equal(1, beat!["version"]!.GetValue<int>());

        var second = await RunAsync("apply", "-f", v1, "--server", Server);
        Assert.True(second.Exit == 0, second.ToString());
        Assert.Contains($"v1.yaml (set '{id}'): 0 created, 0 changed, 4 unchanged, 0 removed", second.Output);
        Assert.DoesNotContain("heartbeat link", second.Output); // the token was not minted again
        Assert.Equal(1, (await api.GetMonitorAsync($"{id}-beat"))!["version"]!.GetValue<int>());

        // v2: a new interval, a new inline secret (seen through apply's hash label: GET never shows it), two items gone.
        var v2 = await WriteApplyFileAsync(dir, "v2.yaml", ApplyFile(id, "1m", full: false, secret: Secret + "-rotated"));
        var kept = await RunAsync("apply", "-f", v2, "--server", Server, "--dry-run");
        Assert.True(kept.Exit == 0, kept.ToString());
        Assert.Matches($@"(?m)^monitor  {id}-beat\s+orphaned", kept.Output);
        Assert.Contains("2 changed", kept.Output);
        Assert.Contains("(dry run: nothing was sent)", kept.Output);
        Assert.Equal("30s", (await api.GetMonitorAsync($"{id}-edge"))!["definition"]!["interval"]!.GetValue<string>());

        var pruned = await RunAsync("apply", "-f", v2, "--server", Server, "--prune");
        Assert.True(pruned.Exit == 0, pruned.ToString());
        Assert.Matches($@"(?m)^monitor  {id}-edge\s+changed", pruned.Output);
        Assert.Matches($@"(?m)^notifier {id}-ops\s+changed", pruned.Output);
        Assert.Matches($@"(?m)^monitor  {id}-beat\s+removed", pruned.Output);
        Assert.Matches($@"(?m)^notifier {id}-chat\s+removed", pruned.Output);
        Assert.Contains($"v2.yaml (set '{id}'): 0 created, 2 changed, 0 unchanged, 2 removed", pruned.Output);
        Assert.True(pruned.Output.IndexOf($"{id}-beat", StringComparison.Ordinal) < pruned.Output.IndexOf($"{id}-chat", StringComparison.Ordinal),
            "monitors are removed before the notifiers they name");
        Assert.Equal("1m", (await api.GetMonitorAsync($"{id}-edge"))!["definition"]!["interval"]!.GetValue<string>());
        Assert.Null(await api.GetMonitorAsync($"{id}-beat"));
        Assert.Null(await api.GetNotifierAsync($"{id}-chat"));

        // A bad field anywhere: one line naming it, and nothing of the file is sent (the new notifier is not stored).
        var bad = await WriteApplyFileAsync(dir, "bad.yaml", ApplyFile(id, "1m", full: false)
            .Replace("notifiers:\n", $"notifiers:\n  {id}-new: {{ kind: teams, url: {{ fromSetting: E2E_TEAMS_URL }} }}\n", StringComparison.Ordinal)
            .Replace("interval: 1m", "interval: soon", StringComparison.Ordinal));
        var refused = await RunAsync("apply", "-f", bad, "--server", Server, "--prune");
        Assert.True(refused.Exit == 2, refused.ToString());
        Assert.DoesNotContain(Secret, pruned.Output + refused.Output + string.Join('\n', refused.Errors), StringComparison.Ordinal);
        Assert.StartsWith($"fleetops: bad.yaml: monitor '{id}-edge': interval: ", refused.Errors[0]);
        Assert.Null(await api.GetNotifierAsync($"{id}-new"));

        // What only the server can check (a stored inventory) is its 400, on one line naming the item and the field.
        var missing = await WriteApplyFileAsync(dir, "missing.yaml", $"set: {id}\nmonitors:\n  {id}-inv: {{ inventory: no-such-{id}, checks: [ {{ kind: tcp }} ], interval: 1m }}\n");
        var server400 = await RunAsync("apply", "-f", missing, "--server", Server);
        Assert.True(server400.Exit == 3, server400.ToString());
        var line = Assert.Single(server400.Errors);
        Assert.StartsWith($"fleetops: missing.yaml: monitor '{id}-inv' refused (400): ", line);
        Assert.Contains("inventory", line);

        var list = await RunAsync("monitors", "--server", Server);
        Assert.True(list.Exit == 0, list.ToString());
        Assert.Matches($@"\|\s*{id}-edge\s*\|", list.Output);
        var one = await RunAsync("monitors", $"{id}-edge", "--server", Server);
        Assert.True(one.Exit == 0, one.ToString());
        Assert.Contains($"monitor {id}-edge: ", one.Output);
        Assert.Contains("uptime 24h: ", one.Output);
        Assert.Matches(@"\|\s*web-1\s*\|\s*127\.0\.0\.1:9\s*\|", one.Output);
        NoEscapeCodes(one);
    }
}
